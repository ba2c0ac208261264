namespace PartnerBot.Advisor.Understanding;

/// <summary>
/// Reads when something should happen, as a span of months from today: durations ("in about 9 months",
/// "within two years", "a year and a half", "6 to 18 months") and dates ("by mid-2028", "Q3 2027", "end of
/// 2027", "late 2028", "not before 2029"). A date is a span (a quarter, a season, a year) so that a band
/// boundary inside it is noticed.
/// </summary>
public static class Timelines
{
    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] ShortMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The months from <paramref name="today"/> the answer speaks of (low, high), or null.</summary>
    public static (double Low, double High)? MonthsFromToday(IReadOnlyList<Word> words, DateOnly today)
    {
        if (Date(words, today) is { } date) return date;
        return Duration(words);
    }

    private static (double, double)? Duration(IReadOnlyList<Word> words)
    {
        var text = words.Select(w => w.Text).Where(t => t is not ("a" or "an" or "the")).ToList();
        if (Contains(text, "year", "and", "half") || Contains(text, "half", "year") && text.Contains("and")) return Bounded(text, 18, 18);
        if (Contains(text, "half", "year")) return Bounded(text, 6, 6);
        // "two years ago" is the past, not a launch date.
        if (text.Contains("ago")) return null;
        foreach (var quantity in Quantities.Find(words))
        {
            var unit = quantity.End + 1 < words.Count ? words[quantity.End + 1].Text : "";
            if (unit == "more" && quantity.End + 2 < words.Count) unit = words[quantity.End + 2].Text;
            var factor = unit switch
            {
                "month" or "mo" or "mth" => 1.0,
                "year" or "yr" or "y" => 12.0,
                "week" or "wk" => 12.0 / 52,
                _ => 0,
            };
            if (factor == 0) continue;
            var low = quantity.Low * factor;
            var high = double.IsPositiveInfinity(quantity.High) ? 1200 : quantity.High * factor;
            return Bounded(text, low, high);
        }
        if (Contains(text, "few", "year")) return Bounded(text, 36, 36);
        if (Contains(text, "couple", "year")) return Bounded(text, 24, 24);
        if (Contains(text, "few", "month") || Contains(text, "couple", "month")) return Bounded(text, 3, 3);
        if (Contains(text, "a", "year") || Contains(text, "one", "year")) return Bounded(text, 12, 12);
        return null;
    }

    /// <summary>"within 2 years" is up to 24 months, "more than 2 years" beyond it.</summary>
    private static (double, double) Bounded(List<string> text, double low, double high)
    {
        if (text.Contains("within") || text.Contains("under") || Contains(text, "less", "than") || Contains(text, "up", "to")) return (Math.Min(low, high), high);
        if (Contains(text, "more", "than") || text.Contains("over") || text.Contains("beyond") || Contains(text, "at", "least") || Contains(text, "not", "before")) return (high + 0.01, 1200);
        return (low, high);
    }

    private static (double, double)? Date(IReadOnlyList<Word> words, DateOnly today)
    {
        // "next year" (and each language's words for it): the calendar year after this one.
        var said = words.Select(w => w.Text).ToList();
        if (Contains(said, "next", "year") && !said.Any(w => int.TryParse(w, out var y) && y is >= 2000 and <= 2100))
        {
            return (MonthsBetween(today, new DateOnly(today.Year + 1, 1, 1)), MonthsBetween(today, new DateOnly(today.Year + 1, 12, 31)));
        }
        for (var i = 0; i < words.Count; i++)
        {
            if (!int.TryParse(words[i].Text, out var year) || year is < 2000 or > 2100) continue;
            var before = i > 0 ? words[i - 1].Text : "";
            var before2 = i > 1 ? words[i - 2].Text : "";
            (DateOnly From, DateOnly To) span = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var month = Array.IndexOf(Months, before) is var m and >= 0 ? m : Array.IndexOf(ShortMonths, before);
            if (month >= 0) span = (new DateOnly(year, month + 1, 1), new DateOnly(year, month + 1, DateTime.DaysInMonth(year, month + 1)));
            else if (before is "q1" or "q2" or "q3" or "q4")
            {
                var quarter = before[1] - '1';
                span = (new DateOnly(year, quarter * 3 + 1, 1), new DateOnly(year, quarter * 3 + 3, DateTime.DaysInMonth(year, quarter * 3 + 3)));
            }
            else if (before is "h1" || before is "first" && words.Any(w => w.Text == "half")) span = (new DateOnly(year, 1, 1), new DateOnly(year, 6, 30));
            else if (before is "h2" || before is "second" && words.Any(w => w.Text == "half")) span = (new DateOnly(year, 7, 1), new DateOnly(year, 12, 31));
            else if (before is "early" or "beginning" or "start" || before2 is "beginning" or "start" && before == "of") span = (new DateOnly(year, 1, 1), new DateOnly(year, 3, 31));
            else if (before is "mid" or "middle" || before2 == "middle" && before == "of") span = (new DateOnly(year, 6, 1), new DateOnly(year, 7, 31));
            else if (before is "late") span = (new DateOnly(year, 10, 1), new DateOnly(year, 12, 31));
            else if (before2 == "end" && before == "of" || before is "end" or "eoy") span = (new DateOnly(year, 12, 31), new DateOnly(year, 12, 31));
            else if (before is "spring") span = (new DateOnly(year, 3, 1), new DateOnly(year, 5, 31));
            else if (before is "summer") span = (new DateOnly(year, 6, 1), new DateOnly(year, 8, 31));
            else if (before is "fall" or "autumn") span = (new DateOnly(year, 9, 1), new DateOnly(year, 11, 30));
            else if (before is "winter") span = (new DateOnly(year, 12, 1), new DateOnly(year + 1, 2, 28));

            var low = MonthsBetween(today, span.From);
            var high = MonthsBetween(today, span.To);
            var text = words.Select(w => w.Text).ToList();
            if (Contains(text, "not", "before") || text.Contains("after")) return (Math.Max(low, 0), 1200);
            if (text.Contains("by") || text.Contains("before") || text.Contains("until")) return (Math.Max(0, Math.Min(low, high)), high);
            return (low, high);
        }
        return null;
    }

    private static double MonthsBetween(DateOnly from, DateOnly to) =>
        (to.Year - from.Year) * 12 + (to.Month - from.Month) + (to.Day - from.Day) / 30.0;

    private static bool Contains(List<string> text, params string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= text.Count; i++)
        {
            var all = true;
            for (var j = 0; j < phrase.Length && all; j++) all = text[i + j] == phrase[j];
            if (all) return true;
        }
        return false;
    }
}
