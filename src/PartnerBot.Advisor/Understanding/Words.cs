using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerBot.Advisor.Understanding;

/// <summary>
/// Splits a typed answer into <see cref="Word"/>s: contractions spelled out ("haven't" is "have not"),
/// thousands separators dropped ("5,000"), "510(k)" kept as one word, accents folded, a light plural stem, and
/// clause and segment numbers for negation scope and contrast.
/// </summary>
public static partial class Words
{
    /// <summary>Words that turn a contrast: what follows them weighs more than what came before.</summary>
    private static readonly HashSet<string> Contrast = ["but", "however", "although", "though", "whereas", "except", "besides", "apart"];

    public static IReadOnlyList<Word> Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var prepared = Prepare(text);
        var words = new List<Word>();
        var clause = 0;
        var segment = 0;
        var current = new StringBuilder();
        for (var i = 0; i <= prepared.Length; i++)
        {
            var c = i < prepared.Length ? prepared[i] : ' ';
            var keep = char.IsLetterOrDigit(c) || c is '&' or '+'
                || (c == '.' && current.Length > 0 && char.IsDigit(current[^1]) && i + 1 < prepared.Length && char.IsDigit(prepared[i + 1]));
            if (keep)
            {
                current.Append(c);
                continue;
            }
            if (current.Length > 0)
            {
                var raw = current.ToString();
                current.Clear();
                var lower = Fold(raw.ToLowerInvariant());
                // "but also" adds; it does not contrast.
                if (Contrast.Contains(lower) && !AlsoFollows(prepared, i))
                {
                    clause++;
                    segment++;
                }
                words.Add(new Word(Stem(lower), raw, clause, segment));
            }
            if (c is ',' or '.' or ';' or ':' or '!' or '?' or '\n') clause++;
        }
        return words;
    }

    private static bool AlsoFollows(string text, int after)
    {
        var rest = text[after..].TrimStart();
        return rest.StartsWith("also", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("too", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Lower case, accents folded, plural "s" dropped: the form words are compared in.</summary>
    public static string Stem(string lower)
    {
        if (lower.Length > 3 && lower[^1] == 's' && lower[^2] is not ('s' or 'u' or 'i') && !char.IsDigit(lower[^2])) return lower[..^1];
        return lower;
    }

    private static string Prepare(string text)
    {
        var s = text.Replace('’', '\'').Replace('‘', '\'');
        s = WontPattern().Replace(s, "will not");
        s = CantPattern().Replace(s, "can not");
        s = NotPattern().Replace(s, " not");
        s = ThousandsPattern().Replace(s, "");
        // "UTC-5", "GMT +1": one word, since a dash would split it.
        s = UtcPattern().Replace(s, m => $"{m.Groups[1].Value}{(m.Groups[2].Value == "+" ? "p" : "m")}{m.Groups[3].Value}");
        s = FiveTenKPattern().Replace(s, "510k");
        // "1-2 years", "5-20k": a dash between numbers is a range.
        s = RangeDashPattern().Replace(s, "$1 to $2");
        return s;
    }

    private const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿß";
    private const string Unaccented = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyys";

    /// <summary>Latin accents folded by table: the app runs with invariant globalization.</summary>
    private static string Fold(string word)
    {
        if (word.All(c => c < 'À')) return word;
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var index = c < 'À' ? -1 : Accented.IndexOf(c);
            builder.Append(index >= 0 ? Unaccented[index] : c);
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"\bwon'?t\b", RegexOptions.IgnoreCase)]
    private static partial Regex WontPattern();

    [GeneratedRegex(@"\b(can'?t|cannot)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CantPattern();

    [GeneratedRegex(@"(?<=\w)n't\b|(?<=\b(?:do|does|did|is|are|was|were|have|has|had|could|should|would|need))nt\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotPattern();

    [GeneratedRegex(@"(?<=\d),(?=\d{3}\b)")]
    private static partial Regex ThousandsPattern();

    [GeneratedRegex(@"\b510\s*(?:\(\s*k\s*\)|k\b)", RegexOptions.IgnoreCase)]
    private static partial Regex FiveTenKPattern();

    [GeneratedRegex(@"(\d[kKmM]?)\s*[-–]\s*(\d)")]
    private static partial Regex RangeDashPattern();

    [GeneratedRegex(@"\b(utc|gmt)\s*([+\-−])\s*(\d{1,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex UtcPattern();
}
