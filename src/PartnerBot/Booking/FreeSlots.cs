using PartnerBot.Advisor.Booking;
using PartnerBot.Handoff;

namespace PartnerBot.Booking;

/// <summary>
/// The free times to offer: starts on the meeting-length grid of each day's hours, within the hours from start to end,
/// not before the notice period, clear of every busy interval; soonest first, at most two a day and those two hours apart.
/// </summary>
public static class FreeSlots
{
    public const int PerDay = 2;

    public static readonly TimeSpan Apart = TimeSpan.FromHours(2);

    public static IReadOnlyList<MeetingSlot> Find(
        BusinessHours hours, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> busy, DateTimeOffset earliest, DateTimeOffset until, TimeSpan length, int count)
    {
        var slots = new List<MeetingSlot>();
        var taken = new Dictionary<DateOnly, List<DateTimeOffset>>();
        // The grid is the zone's local clock: 09:00, 09:30… whatever the offset.
        var local = TimeZoneInfo.ConvertTime(earliest, hours.Zone);
        var step = TimeSpan.FromMinutes(Math.Max(15, length.TotalMinutes));
        var first = local.Date.AddTicks(((local.DateTime - local.Date).Ticks + step.Ticks - 1) / step.Ticks * step.Ticks);
        for (var at = first; slots.Count < count; at += step)
        {
            var start = new DateTimeOffset(at, hours.Zone.GetUtcOffset(at));
            if (start >= until) break;
            if (hours.Zone.IsInvalidTime(at) || start < earliest) continue;
            var end = start + length;
            if (!hours.IsOpen(start) || !hours.IsOpen(end.AddMinutes(-1))) continue;
            if (busy.Any(b => b.Start < end && b.End > start)) continue;
            var day = DateOnly.FromDateTime(at);
            var sameDay = taken.TryGetValue(day, out var list) ? list : taken[day] = [];
            if (sameDay.Count >= PerDay || sameDay.Any(s => start - s < Apart)) continue;
            sameDay.Add(start);
            slots.Add(new MeetingSlot(start, end));
        }
        return slots;
    }
}
