using System.Globalization;
using System.Text;
using PartnerBot.Advisor.Languages;

namespace PartnerBot.Handoff;

/// <summary>
/// Weekly opening hours in one time zone, with closed dates: whether an instant is within them, when they open next,
/// and how to say them to a prospect. Built once from <see cref="BusinessHoursOptions"/>; a setting it cannot read
/// stops the app at start with the setting's name.
/// </summary>
public sealed class BusinessHours
{
    private readonly Dictionary<DayOfWeek, (TimeOnly From, TimeOnly To)[]> _weekly;
    private readonly HashSet<DateOnly> _closed;

    private BusinessHours(TimeZoneInfo zone, Dictionary<DayOfWeek, (TimeOnly, TimeOnly)[]> weekly, HashSet<DateOnly> closed)
    {
        Zone = zone;
        _weekly = weekly;
        _closed = closed;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>No hours configured: always open.</summary>
    public bool Always => _weekly.Count == 0;

    /// <param name="setting">The configuration key the hours were read from, for the messages that stop the app.</param>
    public static BusinessHours From(BusinessHoursOptions options, string setting = LiveChatOptions.Section + ":" + nameof(LiveChatOptions.BusinessHours))
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(options.TimeZone) ? "UTC" : options.TimeZone.Trim());
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"{setting}:TimeZone '{options.TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/Zurich).", exception);
        }
        var weekly = new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)[]>();
        foreach (var (day, hours) in options.Weekly)
        {
            if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var weekday) || int.TryParse(day, out _))
            {
                throw new InvalidOperationException($"{setting}:Weekly:{day} is not a day of the week (Monday to Sunday).");
            }
            if (string.IsNullOrWhiteSpace(hours)) continue;
            var ranges = new List<(TimeOnly, TimeOnly)>();
            foreach (var part in hours.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var ends = part.Split('-', StringSplitOptions.TrimEntries);
                if (ends.Length != 2 || !TimeOnly.TryParseExact(ends[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                    || !(TimeOnly.TryParseExact(ends[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || ends[1] == "24:00")
                    || (ends[1] != "24:00" && to <= from))
                {
                    throw new InvalidOperationException($"{setting}:Weekly:{day} '{hours}' is not a list of hours such as \"09:00-12:00, 13:00-17:30\".");
                }
                ranges.Add((from, ends[1] == "24:00" ? TimeOnly.MaxValue : to));
            }
            weekly[weekday] = [.. ranges.OrderBy(r => r.Item1)];
        }
        var closed = new HashSet<DateOnly>();
        foreach (var date in options.Closed)
        {
            if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new InvalidOperationException($"{setting}:Closed '{date}' is not a date such as 2026-12-25.");
            }
            closed.Add(parsed);
        }
        return new BusinessHours(zone, weekly, closed);
    }

    public bool IsOpen(DateTimeOffset instant)
    {
        if (Always) return true;
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        if (_closed.Contains(DateOnly.FromDateTime(local.DateTime))) return false;
        var time = TimeOnly.FromDateTime(local.DateTime);
        return _weekly.TryGetValue(local.DayOfWeek, out var ranges) && ranges.Any(r => time >= r.From && (time < r.To || r.To == TimeOnly.MaxValue));
    }

    /// <summary>The local time the hours open next after <paramref name="instant"/> (within four weeks), or null.</summary>
    public DateTime? NextOpening(DateTimeOffset instant)
    {
        if (Always) return null;
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        for (var day = 0; day < 28; day++)
        {
            var date = DateOnly.FromDateTime(local).AddDays(day);
            if (_closed.Contains(date) || !_weekly.TryGetValue(date.DayOfWeek, out var ranges)) continue;
            foreach (var (from, _) in ranges)
            {
                var opening = date.ToDateTime(from);
                if (opening > local) return opening;
            }
        }
        return null;
    }

    /// <summary>The hours in words: "Monday to Friday 09:00–17:00, Saturday 09:00–12:00 (Europe/Zurich time)".</summary>
    public string Describe()
    {
        // In the turn's language when there is one (the prospect's); sales' views have none, so English.
        if (Always) return Texts.Say("at any time");
        var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday };
        string Hours(DayOfWeek day) => string.Join(", ", _weekly[day].Select(r => $"{r.From:HH\\:mm}–{(r.To == TimeOnly.MaxValue ? "24:00" : r.To.ToString("HH\\:mm", CultureInfo.InvariantCulture))}"));
        static string Day(DayOfWeek day) => Texts.Say(day.ToString());
        var groups = new List<string>();
        for (var i = 0; i < days.Length; i++)
        {
            if (!_weekly.ContainsKey(days[i])) continue;
            var last = i;
            while (last + 1 < days.Length && _weekly.ContainsKey(days[last + 1]) && Hours(days[last + 1]) == Hours(days[i])) last++;
            var name = last == i ? Day(days[i])
                : last == i + 1 ? Texts.Say("{firstDay} and {lastDay}", ("firstDay", Day(days[i])), ("lastDay", Day(days[last])))
                : Texts.Say("{firstDay} to {lastDay}", ("firstDay", Day(days[i])), ("lastDay", Day(days[last])));
            groups.Add($"{name} {Hours(days[i])}");
            i = last;
        }
        return new StringBuilder().AppendJoin(", ", groups).Append(' ').Append(Texts.Say("({zone} time)", ("zone", Zone.Id))).ToString();
    }
}
