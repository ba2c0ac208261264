using PartnerBot.Advisor.Booking;
using PartnerBot.Advisor.Contact;
using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Tests.Booking;

/// <summary>
/// A calendar whose free times and answers the test sets: what was offered, booked and cancelled is recorded. Times it
/// is told are taken are refused, as the Graph calendar refuses a time someone booked meanwhile.
/// </summary>
public sealed class ScriptedCalendar : IMeetingCalendar
{
    public bool HasCalendar { get; set; } = true;

    public Uri? BookingLink { get; set; }

    public bool Reachable { get; set; } = true;

    public List<MeetingSlot> Free { get; } = [];

    public HashSet<DateTimeOffset> Taken { get; } = [];

    public List<(MeetingSlot Slot, ContactDetails Attendee)> Booked { get; } = [];

    public List<BookedMeeting> Cancelled { get; } = [];

    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    public Task<MeetingAvailability> FindSlotsAsync(TurnContext turn, CancellationToken cancellationToken) =>
        Task.FromResult(new MeetingAvailability(Free.Where(s => !Taken.Contains(s.Start)).ToList(), Zone, Reachable));

    public Task<BookingResult> BookAsync(TurnContext turn, MeetingSlot slot, ContactDetails attendee, CancellationToken cancellationToken)
    {
        if (!Reachable) return Task.FromResult(new BookingResult(BookingStatus.Failed, null));
        if (!Taken.Add(slot.Start)) return Task.FromResult(new BookingResult(BookingStatus.Taken, null));
        Booked.Add((slot, attendee));
        return Task.FromResult(new BookingResult(BookingStatus.Booked,
            new BookedMeeting("event-" + Booked.Count, slot.Start, slot.End, "https://teams.microsoft.com/l/meetup-join/test-" + Booked.Count, Zone.Id, slot.Start.AddDays(-1))));
    }

    public Task<bool> CancelAsync(TurnContext turn, BookedMeeting meeting, CancellationToken cancellationToken)
    {
        if (!Reachable) return Task.FromResult(false);
        Cancelled.Add(meeting);
        Taken.Remove(meeting.Start);
        return Task.FromResult(true);
    }
}
