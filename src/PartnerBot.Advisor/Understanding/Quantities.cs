using System.Globalization;

namespace PartnerBot.Advisor.Understanding;

/// <summary>A number or range said in words or digits: "about 5000", "250k", "a million", "between 2 and 3 thousand".</summary>
public sealed record Quantity(double Low, double High, int Start, int End)
{
    public bool IsRange => Low != High;
}

/// <summary>
/// Reads amounts from an answer's words: digits with "k"/"m" ("250k", "2.5m"), number words ("a million", "a
/// few hundred", "tens of thousands"), ranges ("5k to 20k", "between 2 and 3 thousand") and bounds ("under
/// 1000", "more than 100k"). Dates such as "2027" are not amounts.
/// </summary>
public static class Quantities
{
    private static readonly Dictionary<string, double> Small = new()
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70,
        ["eighty"] = 80, ["ninety"] = 90, ["a"] = 1, ["an"] = 1, ["couple"] = 2, ["few"] = 3, ["several"] = 5, ["dozen"] = 12, ["half"] = 0.5,
    };

    private static readonly Dictionary<string, double> Scales = new()
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["k"] = 1_000, ["million"] = 1_000_000, ["mio"] = 1_000_000, ["m"] = 1_000_000, ["mil"] = 1_000_000,
    };

    /// <summary>"tens of thousands" and the like: a vague amount, read as the middle of its order of magnitude.</summary>
    private static readonly Dictionary<string, double> Vague = new()
    {
        ["hundred"] = 300, ["thousand"] = 3_000, ["million"] = 3_000_000,
    };

    private static readonly HashSet<string> Below = ["under", "below", "less", "fewer", "max", "maximum", "most"];
    private static readonly HashSet<string> Above = ["over", "above", "more", "least", "minimum", "plus", "beyond"];

    public static IReadOnlyList<Quantity> Find(IReadOnlyList<Word> words)
    {
        var found = new List<Quantity>();
        for (var i = 0; i < words.Count; i++)
        {
            if (Single(words, i) is not { } first) continue;
            var (value, end, scale) = first;
            var low = value;
            var high = value;
            // A range: "5k to 20k", "between 2 and 3 thousand", "2 or 3 thousand".
            if (end + 2 < words.Count && words[end + 1].Text is "to" or "and" or "or" or "till" && Single(words, end + 2, inRange: true) is { } second
                && (words[end + 1].Text is "to" or "or" or "till" || i > 0 && words[i - 1].Text == "between"))
            {
                low = scale == 1 && second.Scale > 1 ? value * second.Scale : value;
                high = second.Value;
                end = second.End;
            }
            var before = i > 0 ? words[i - 1].Text : "";
            var before2 = i > 1 ? words[i - 2].Text : "";
            if (Below.Contains(before) || Below.Contains(before2) && before is "than" or "to" || before == "to" && before2 == "up") low = 0;
            else if (Above.Contains(before) || Above.Contains(before2) && before is "than" or "least") high = double.PositiveInfinity;
            if (end + 1 < words.Count && words[end + 1].Text is "plus" or "+") high = double.PositiveInfinity;
            found.Add(new Quantity(Math.Min(low, high), Math.Max(low, high), i, end));
            i = end;
        }
        return found;
    }

    /// <summary>One amount starting at <paramref name="i"/>: the value, its last word, and the scale it carried ("k": 1000).</summary>
    private static (double Value, int End, double Scale)? Single(IReadOnlyList<Word> words, int i, bool inRange = false)
    {
        var word = words[i].Text;
        double value;
        var end = i;
        double applied = 1;
        if (TryDigits(word, out value, out var suffixScale))
        {
            applied = suffixScale;
            value *= suffixScale;
            if (!inRange && applied == 1 && value is >= 1900 and <= 2100 && !word.Contains('.') && (i + 1 >= words.Count || !IsUnit(words[i + 1].Text))) return null;
        }
        else if (Small.TryGetValue(word, out value))
        {
            if (word is "a" or "an" && (i + 1 >= words.Count || !Scales.ContainsKey(Words.Stem(words[i + 1].Text)) && words[i + 1].Text is not ("few" or "couple" or "dozen" or "half")))
                return null;
        }
        else if (word is "ten" or "tens" or "hundred" or "thousand" or "million" && i + 2 < words.Count && words[i + 1].Text == "of" && Vague.TryGetValue(words[i + 2].Text, out var vague))
        {
            // "tens of thousands", "hundreds of thousands"
            var factor = word is "ten" or "tens" ? 10 : Scales[word];
            return (vague * factor, i + 2, factor);
        }
        else if (Vague.TryGetValue(word, out value) && word.Length > 0 && words[i].Raw.EndsWith('s'))
        {
            // "thousands", "hundreds", "millions"
            return (value, i, 100);
        }
        else
        {
            return null;
        }

        // "a few hundred", "2 million", "3 thousand", "one and a half million"
        while (end + 1 < words.Count)
        {
            var next = words[end + 1].Text;
            if (next is "few" or "couple" && value == 1) { value = Small[next]; end++; continue; }
            if (next == "of" && end + 2 < words.Count && Scales.ContainsKey(words[end + 2].Text)) { end++; continue; }
            if (Scales.TryGetValue(next, out var scale) && !(next == "m" && applied > 1)) { value *= scale; applied *= scale; end++; continue; }
            break;
        }
        return (value, end, applied);
    }

    public static bool IsScaleWord(string word) => Scales.ContainsKey(word) || Vague.ContainsKey(word);

    private static bool IsUnit(string word) => word is "unit" or "units" or "piece" or "device" or "pc" or "pcs" or "a" or "per" or "each" or "every";

    private static bool TryDigits(string word, out double value, out double scale)
    {
        scale = 1;
        var digits = word;
        if (word.Length > 1 && char.IsDigit(word[0]))
        {
            if (word.EndsWith("k", StringComparison.Ordinal)) { scale = 1_000; digits = word[..^1]; }
            else if (word.EndsWith("mio", StringComparison.Ordinal)) { scale = 1_000_000; digits = word[..^3]; }
            else if (word.EndsWith("m", StringComparison.Ordinal)) { scale = 1_000_000; digits = word[..^1]; }
        }
        return double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>How many periods of the answer make a year: "a week" 52, "per month" 12, "a day" 365.</summary>
    public static double PerYear(IReadOnlyList<Word> words, int after)
    {
        for (var i = after + 1; i < words.Count && i <= after + 4; i++)
        {
            switch (words[i].Text)
            {
                case "week" or "weekly": return 52;
                case "month" or "monthly": return 12;
                case "day" or "daily": return 365;
                case "year" or "annually" or "yearly" or "annual" or "pa": return 1;
            }
        }
        return 1;
    }
}
