using System.Globalization;
using System.Text.RegularExpressions;
using PartnerBot.Advisor.Languages;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Booking;

/// <summary>
/// Times as the prospect reads and types them: their own time zone when their client says it (Web Chat and Teams send
/// <c>localTimezone</c>; an offset from <c>localTimestamp</c> otherwise), labels such as "Tue 8 Dec, 14:00", and typed
/// picks such as "Tuesday at 2pm" or "the 9th at 10:30" matched to one of the offered times.
/// </summary>
public static partial class MeetingTimes
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The prospect's zone, else <paramref name="fallback"/> (the calendar's).</summary>
    public static TimeZoneInfo ProspectZone(Activity activity, TimeZoneInfo fallback)
    {
        if (!string.IsNullOrWhiteSpace(activity.LocalTimezone) && Find(activity.LocalTimezone.Trim()) is { } named) return named;
        return activity.LocalTimestamp is { } local ? FixedOffset(local.Offset) : fallback;
    }

    /// <summary>A zone stored by <see cref="TimeZoneInfo.Id"/>, including the fixed offsets made here ("UTC+02:00").</summary>
    public static TimeZoneInfo Zone(string id)
    {
        if (OffsetId().Match(id) is { Success: true } match)
        {
            var offset = new TimeSpan(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), 0);
            return FixedOffset(match.Groups[1].Value == "-" ? -offset : offset);
        }
        return Find(id) ?? TimeZoneInfo.Utc;
    }

    public static DateTimeOffset Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>"Tue 8 Dec, 14:00" (German "Di. 8. Dez., 14:00", French "mar. 8 déc., 14:00").</summary>
    public static string Label(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = Local(instant, zone);
        return Day(local, Texts.Say(local.ToString("ddd", CultureInfo.InvariantCulture)), Texts.Say(local.ToString("MMM", CultureInfo.InvariantCulture))) + ", " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"Tuesday 8 December, 14:00–14:30 (Europe/Berlin time)", in the turn's language.</summary>
    public static string Describe(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var local = Local(start, zone);
        var day = Day(local, Texts.Say(local.ToString("dddd", CultureInfo.InvariantCulture)), Texts.Say(local.ToString("MMMM", CultureInfo.InvariantCulture)));
        return day + ", " + local.ToString("HH:mm", CultureInfo.InvariantCulture) + "–" + Local(end, zone).ToString("HH:mm", CultureInfo.InvariantCulture)
            + " " + Texts.Say("({zone} time)", ("zone", ZoneName(zone)));
    }

    /// <summary>A day as the language writes it: "Tuesday 8 December", "Dienstag, 8. Dezember", "mardi 8 décembre".</summary>
    private static string Day(DateTimeOffset local, string weekday, string month) => Language.Current.Code switch
    {
        "de" => $"{weekday}, {local.Day}. {month}",
        _ => $"{weekday} {local.Day} {month}",
    };

    public static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    /// <summary>
    /// Which of <paramref name="starts"/> (local times, with their offsets) a typed pick means: every day and time it names must
    /// match, and exactly one offered time may; otherwise null, never a guess.
    /// </summary>
    public static int? Read(string? text, IReadOnlyList<DateTimeOffset> starts, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text) || starts.Count == 0) return null;
        var input = InEnglish(text.Trim().ToLowerInvariant(), Language.Current);
        var today = DateOnly.FromDateTime(now.ToOffset(starts[0].Offset).DateTime);
        DayOfWeek? weekday = null;
        DateOnly? date = null;
        TimeOnly? time = null;

        if (Weekday().Match(input) is { Success: true } day) weekday = Enum.GetValues<DayOfWeek>().First(d => d.ToString().StartsWith(day.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
        if (input.Contains("tomorrow", StringComparison.Ordinal)) date = today.AddDays(1);
        else if (TodayWord().IsMatch(input)) date = today;
        if (DayMonth().Match(input) is { Success: true } dm) date = Date(today, int.Parse(dm.Groups[1].Value, CultureInfo.InvariantCulture), dm.Groups[2].Value);
        else if (MonthDay().Match(input) is { Success: true } md) date = Date(today, int.Parse(md.Groups[2].Value, CultureInfo.InvariantCulture), md.Groups[1].Value);
        else if (Ordinal().Match(input) is { Success: true } nth) date = NextDayOfMonth(today, int.Parse(nth.Groups[1].Value, CultureInfo.InvariantCulture));

        if (ClockTime().Match(input) is { Success: true } clock) time = Time(int.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture), clock.Groups[3].Value);
        else if (HourTime().Match(input) is { Success: true } hour) time = Time(int.Parse(hour.Groups[1].Value, CultureInfo.InvariantCulture), 0, hour.Groups[2].Value);
        else if (AtHour().Match(input) is { Success: true } at) time = Time(int.Parse(at.Groups[1].Value, CultureInfo.InvariantCulture), 0, "");
        else if (input.Contains("noon", StringComparison.Ordinal)) time = new TimeOnly(12, 0);
        if (weekday is null && date is null && time is null) return null;

        var matches = new List<int>();
        for (var i = 0; i < starts.Count; i++)
        {
            var local = starts[i].DateTime;
            if (weekday is { } w && local.DayOfWeek != w) continue;
            if (date is { } d && DateOnly.FromDateTime(local) != d) continue;
            if (time is { } t && TimeOnly.FromDateTime(local) != t) continue;
            matches.Add(i);
        }
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>
    /// A pick in German or French in the words the English patterns read: "Mittwoch um 11" is "wednesday at 11",
    /// "mardi à 14h30" is "tuesday at 14:30", "9. Dez" is "9 dec", "morgen" and "demain" are "tomorrow".
    /// </summary>
    private static string InEnglish(string input, Language language)
    {
        if (language.IsEnglish) return input;
        var catalog = language.Catalog;
        input = input.Replace('’', '\'');
        if (catalog.Section("words/MeetingTimes.Weekdays") is System.Text.Json.Nodes.JsonObject weekdays)
        {
            foreach (var (english, names) in weekdays)
            {
                if (names is not System.Text.Json.Nodes.JsonArray list) continue;
                // The longest name first: "mittwoch" before "mi"; the short ones only beside a number, as in "Mi 11 Uhr".
                foreach (var name in list.OfType<System.Text.Json.Nodes.JsonValue>().Select(n => n.GetValue<string>()).OrderByDescending(n => n.Length))
                {
                    var pattern = name.Length <= 3 ? $@"\b{Regex.Escape(name)}\.?(?=\s*(?:\d|um\b|à\b|a\b))" : $@"\b{Regex.Escape(name)}\b";
                    input = Regex.Replace(input, pattern, english.ToLowerInvariant());
                }
            }
        }
        var months = catalog.Section("words/MeetingTimes.Months") as System.Text.Json.Nodes.JsonArray ?? [];
        for (var i = 0; i < months.Count && i < Months.Length; i++)
        {
            var names = months[i] switch
            {
                System.Text.Json.Nodes.JsonArray many => many.OfType<System.Text.Json.Nodes.JsonValue>().Select(n => n.GetValue<string>()),
                System.Text.Json.Nodes.JsonValue one => [one.GetValue<string>()],
                _ => [],
            };
            // "9. Dezember", "9 déc.": the day then the month, as the English patterns read "9 dec".
            foreach (var name in names) input = Regex.Replace(input, $@"(?<=\d\.?\s*){Regex.Escape(name)}[\p{{L}}]*\.?", Months[i]);
        }
        foreach (var (key, english) in new[] { ("MeetingTimes.DayAfterTomorrow", "in two days"), ("MeetingTimes.Tomorrow", "tomorrow"), ("MeetingTimes.Today", "today") })
        {
            foreach (var word in (catalog.Words(key) ?? []).OrderByDescending(w => w.Length)) input = Regex.Replace(input, $@"(?<![\p{{L}}]){Regex.Escape(word)}(?![\p{{L}}])", english);
        }
        // "um 11", "à 11": at 11; "11 Uhr 30", "11 Uhr", "11h": 11:30, 11:00.
        input = Regex.Replace(input, @"\b(?:um|gegen|à|a|vers)\s+(?=\d)", "at ");
        input = Regex.Replace(input, @"\b(\d{1,2})\s*uhr\s*(\d{2})\b", "$1:$2");
        input = Regex.Replace(input, @"\b(\d{1,2})\s*(?:uhr|h)(?![\p{L}\d])", "$1:00");
        return input;
    }

    private static DateOnly? Date(DateOnly today, int day, string month)
    {
        var number = Array.FindIndex(Months, m => month.StartsWith(m, StringComparison.Ordinal)) + 1;
        if (number == 0 || day < 1 || day > 31) return null;
        var year = number < today.Month ? today.Year + 1 : today.Year;
        return day <= DateTime.DaysInMonth(year, number) ? new DateOnly(year, number, day) : null;
    }

    private static DateOnly? NextDayOfMonth(DateOnly today, int day)
    {
        for (var candidate = today; candidate < today.AddDays(62); candidate = candidate.AddDays(1))
        {
            if (candidate.Day == day) return candidate;
        }
        return null;
    }

    /// <summary>"2" alone in the afternoon of a working day: a bare hour of 1 to 7 is pm.</summary>
    private static TimeOnly? Time(int hour, int minute, string meridiem)
    {
        if (minute > 59) return null;
        if (meridiem.StartsWith('p') && hour is >= 1 and <= 11) hour += 12;
        else if (meridiem.StartsWith('a') && hour == 12) hour = 0;
        else if (meridiem.Length == 0 && hour is >= 1 and <= 7) hour += 12;
        return hour is >= 0 and <= 23 ? new TimeOnly(hour, minute) : null;
    }

    private static TimeZoneInfo? Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    private static TimeZoneInfo FixedOffset(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero) return TimeZoneInfo.Utc;
        var id = "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
    }

    [GeneratedRegex(@"^UTC([+-])(\d{2}):(\d{2})$")]
    private static partial Regex OffsetId();

    [GeneratedRegex(@"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\btoday\b")]
    private static partial Regex TodayWord();

    [GeneratedRegex(@"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?\b")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(\d{1,2})(?:st|nd|rd|th)\b")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\b(\d{1,2})[:.h](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)")]
    private static partial Regex HourTime();

    [GeneratedRegex(@"\b(?:at|@|around)\s+(\d{1,2})\b(?![:.h]\d)")]
    private static partial Regex AtHour();
}
