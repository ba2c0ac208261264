using PartnerBot.Booking;
using PartnerBot.Handoff;

namespace PartnerBot.Tests.Booking;

/// <summary>Which times are offered: within the hours, after the notice, clear of busy times, two a day at most.</summary>
public sealed class FreeSlotsTests
{
    // Monday 7 December 2026; Zurich is UTC+1 in winter.
    private static readonly BusinessHours Hours = new BookingOptions { Hours = new BusinessHoursOptions { TimeZone = "Europe/Zurich", Closed = ["2026-12-08"] } }.ReadHours();
    private static readonly TimeSpan Half = TimeSpan.FromMinutes(30);

    [Fact]
    public void Without_weekly_hours_calls_are_on_working_days_from_nine_to_five_in_the_hours_zone()
    {
        // Monday 16:10 in Zurich: the day's last call would start 16:30, and ends at 17:00.
        var earliest = new DateTimeOffset(2026, 12, 7, 15, 10, 0, TimeSpan.Zero);
        var slots = FreeSlots.Find(Hours, [], earliest, earliest.AddDays(7), Half, 4);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 12, 7, 16, 30, 0, TimeSpan.FromHours(1)),
                // Tuesday 8 December is closed; Wednesday from 09:00, the next two hours later.
                new DateTimeOffset(2026, 12, 9, 9, 0, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2026, 12, 9, 11, 0, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.FromHours(1)),
            ],
            slots.Select(s => s.Start));
        Assert.All(slots, s => Assert.Equal(Half, s.End - s.Start));
    }

    [Fact]
    public void A_busy_time_is_never_offered_and_a_call_may_not_run_into_it()
    {
        var earliest = new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero); // Wednesday 09:00 in Zurich
        // Busy 09:00–10:15 Zurich: 09:30 and 10:00 would overlap; 10:30 is the first free start.
        (DateTimeOffset, DateTimeOffset)[] busy = [(earliest, earliest.AddMinutes(75))];
        var first = FreeSlots.Find(Hours, busy, earliest, earliest.AddDays(1), Half, 1).Single();
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 10, 30, 0, TimeSpan.FromHours(1)), first.Start);
    }

    [Fact]
    public void A_full_calendar_offers_nothing()
    {
        var earliest = new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero);
        Assert.Empty(FreeSlots.Find(Hours, [(earliest.AddDays(-1), earliest.AddDays(30))], earliest, earliest.AddDays(14), Half, 5));
    }
}
