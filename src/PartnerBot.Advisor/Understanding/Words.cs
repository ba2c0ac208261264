using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PartnerBot.Advisor.Languages;

namespace PartnerBot.Advisor.Understanding;

/// <summary>
/// Splits a typed answer into <see cref="Word"/>s: contractions spelled out ("haven't" is "have not"),
/// thousands separators dropped ("5,000"), "510(k)" kept as one word, accents folded, a light plural stem, and
/// clause and segment numbers for negation scope and contrast. Numbers are read with the language's separators:
/// "5,000" in English, "5.000" and "2,5" in German, "5 000" and "2,5" in French.
/// </summary>
public static partial class Words
{
    /// <summary>The words of <paramref name="text"/>, read in the turn's language.</summary>
    public static IReadOnlyList<Word> Of(string? text) => Of(text, Language.Current);

    public static IReadOnlyList<Word> Of(string? text, Language language)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var contrast = language.IsEnglish ? Grammar.English.Contrast : Grammar.For(language).Contrast;
        var prepared = Prepare(text, language.Code);
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
                if (contrast.Contains(lower) && !AlsoFollows(prepared, i))
                {
                    clause++;
                    segment++;
                }
                words.Add(new Word(Stem(lower), raw, clause, segment));
            }
            if (c is ',' or '.' or ';' or ':' or '!' or '?' or '\n') clause++;
        }
        // Another language's words for numbers, dates and places, as the English the readers know.
        return language.IsEnglish ? words : Grammar.For(language).Canon.Apply(words);
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

    private static string Prepare(string text, string language)
    {
        var s = text.Replace('’', '\'').Replace('‘', '\'');
        switch (language)
        {
            case "de":
                // "5.000 Stück", "2,5 Mio.": a point groups thousands, a comma marks the decimals.
                s = GermanThousandsPattern().Replace(s, "");
                s = DecimalCommaPattern().Replace(s, ".");
                break;
            case "fr":
                // "5 000 unités" (a space, often a non-breaking one), "2,5 millions".
                s = FrenchThousandsPattern().Replace(s, "");
                s = DecimalCommaPattern().Replace(s, ".");
                break;
            default:
                s = WontPattern().Replace(s, "will not");
                s = CantPattern().Replace(s, "can not");
                s = NotPattern().Replace(s, " not");
                s = ThousandsPattern().Replace(s, "");
                break;
        }
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

    [GeneratedRegex(@"(?<=\d)\.(?=\d{3}\b)")]
    private static partial Regex GermanThousandsPattern();

    [GeneratedRegex(@"(?<=\b\d{1,3})[ \u00A0\u202F'](?=\d{3}\b)")]
    private static partial Regex FrenchThousandsPattern();

    [GeneratedRegex(@"(?<=\d),(?=\d)")]
    private static partial Regex DecimalCommaPattern();

    [GeneratedRegex(@"\b510\s*(?:\(\s*k\s*\)|k\b)", RegexOptions.IgnoreCase)]
    private static partial Regex FiveTenKPattern();

    [GeneratedRegex(@"(\d[kKmM]?)\s*[-–]\s*(\d)")]
    private static partial Regex RangeDashPattern();

    [GeneratedRegex(@"\b(utc|gmt)\s*([+\-−])\s*(\d{1,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex UtcPattern();
}
