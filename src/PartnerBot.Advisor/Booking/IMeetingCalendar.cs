using PartnerBot.Advisor.Contact;
using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Advisor.Booking;

/// <summary>
/// Where a prospect books a call with an expert, as the booking dialog sees it: a calendar with free times (the host
/// implements it over Microsoft Graph), a booking page to send them to, or neither (<see cref="None"/>).
/// </summary>
public interface IMeetingCalendar
{
    /// <summary>Free times can be offered and booked in the chat.</summary>
    bool HasCalendar { get; }

    /// <summary>A scheduling page (Microsoft Bookings or any other), offered when there is no calendar or it cannot be reached.</summary>
    Uri? BookingLink { get; }

    /// <summary>A call can be booked at all: in the calendar, or on the booking page.</summary>
    bool Offered => HasCalendar || BookingLink is not null;

    /// <summary>The next free times, soonest first, within the partner's hours; <see cref="MeetingAvailability.Reachable"/> false when the calendar did not answer.</summary>
    Task<MeetingAvailability> FindSlotsAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>Books <paramref name="slot"/> with the prospect as attendee (they get the invitation); refused when the time was taken meanwhile.</summary>
    Task<BookingResult> BookAsync(TurnContext turn, MeetingSlot slot, ContactDetails attendee, CancellationToken cancellationToken);

    /// <summary>Cancels the meeting (the attendee hears of it); false when the calendar could not be reached.</summary>
    Task<bool> CancelAsync(TurnContext turn, BookedMeeting meeting, CancellationToken cancellationToken);

    public static IMeetingCalendar None { get; } = new NoCalendar();

    private sealed class NoCalendar : IMeetingCalendar
    {
        public bool HasCalendar => false;

        public Uri? BookingLink => null;

        public Task<MeetingAvailability> FindSlotsAsync(TurnContext turn, CancellationToken cancellationToken) =>
            Task.FromResult(new MeetingAvailability([], TimeZoneInfo.Utc, Reachable: false));

        public Task<BookingResult> BookAsync(TurnContext turn, MeetingSlot slot, ContactDetails attendee, CancellationToken cancellationToken) =>
            Task.FromResult(new BookingResult(BookingStatus.Failed, null));

        public Task<bool> CancelAsync(TurnContext turn, BookedMeeting meeting, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}

public sealed record MeetingSlot(DateTimeOffset Start, DateTimeOffset End);

/// <param name="Zone">The calendar's time zone: times are shown in it when the prospect's own is not known.</param>
public sealed record MeetingAvailability(IReadOnlyList<MeetingSlot> Slots, TimeZoneInfo Zone, bool Reachable = true);

public enum BookingStatus
{
    Booked,

    /// <summary>Someone else took the time between offer and choice.</summary>
    Taken,

    /// <summary>The calendar did not answer, or refused for another reason.</summary>
    Failed,
}

public sealed record BookingResult(BookingStatus Status, BookedMeeting? Meeting);

/// <summary>A call booked from the chat: the calendar's event id, when, the Teams link, and the zone it was shown in.</summary>
public sealed record BookedMeeting(string Id, DateTimeOffset Start, DateTimeOffset End, string? JoinUrl, string TimeZone, DateTimeOffset BookedAt)
{
    public DateTimeOffset? CancelledAt { get; init; }

    public bool IsUpcoming(DateTimeOffset now) => CancelledAt is null && End > now;
}
