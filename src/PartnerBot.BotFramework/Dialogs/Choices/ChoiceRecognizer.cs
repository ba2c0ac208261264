using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerBot.BotFramework.Dialogs.Choices;

/// <summary>
/// Recognizes which of a list of choices a typed answer means: the choice text or a synonym (case, accents,
/// punctuation and spacing ignored), its number ("2"), an ordinal ("second", "the 2nd one", "last"), or a
/// unique partial match. Ambiguous or unknown answers are not guessed.
/// </summary>
public static partial class ChoiceRecognizer
{
    private static readonly string[] OrdinalWords =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];

    private static readonly string[] NumberWords =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>Words that may surround a number or ordinal without changing its meaning.</summary>
    private static readonly HashSet<string> Filler =
        ["the", "one", "option", "choice", "answer", "number", "no", "nr", "please", "i", "pick", "choose", "take", "select", "id", "d", "say", "it", "its", "is", "s", "go", "with", "for", "me", "that"];

    public static FoundChoice? RecognizeOne(string? text, IReadOnlyList<Choice> choices)
    {
        var input = Normalize(text);
        if (input.Length == 0 || choices.Count == 0) return null;

        for (var i = 0; i < choices.Count; i++)
        {
            if (NormalizesTo(choices[i].Value, input) || NormalizesTo(choices[i].DisplayTitle, input)) return new FoundChoice(choices[i].Value, i, ChoiceMatch.Exact);
        }
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i].Synonyms is { } synonyms)
            {
                foreach (var synonym in synonyms)
                {
                    if (NormalizesTo(synonym, input)) return new FoundChoice(choices[i].Value, i, ChoiceMatch.Synonym);
                }
            }
        }
        if (RecognizePosition(input, choices.Count) is { } position) return new FoundChoice(choices[position.Index].Value, position.Index, position.Match);
        return RecognizePartial(input, choices);
    }

    /// <summary>
    /// Recognizes a list ("1, 3 and 5", "electronics and quality"). Every part must be recognized, or the
    /// whole answer is rejected so that nothing the user meant is silently dropped.
    /// </summary>
    /// <param name="exceptFromAll">Choices that "all" does not include (a "none of these" option).</param>
    public static IReadOnlyList<FoundChoice>? RecognizeMany(string? text, IReadOnlyList<Choice> choices, string? exceptFromAll = null)
    {
        var input = Normalize(text);
        if (input.Length == 0) return null;
        if (input is "all" or "all of them" or "all of the above" or "everything")
        {
            return choices.Select((c, i) => new FoundChoice(c.Value, i, ChoiceMatch.Exact)).Where(f => !string.Equals(f.Value, exceptFromAll, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        // The whole text may itself be one choice that contains a separator ("design and engineering").
        if (RecognizeOne(text, choices) is { Match: ChoiceMatch.Exact or ChoiceMatch.Synonym } single) return [single];

        var found = new List<FoundChoice>();
        foreach (var part in ListSeparator().Split(input).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (RecognizeOne(part, choices) is not { } choice) return null;
            if (found.All(f => f.Index != choice.Index)) found.Add(choice);
        }
        return found.Count > 0 ? found.OrderBy(f => f.Index).ToList() : null;
    }

    /// <summary>Lower case, accents removed, punctuation turned into spaces, whitespace collapsed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        char[]? rented = null;
        var buffer = text.Length <= StackLimit ? stackalloc char[text.Length] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        var normalized = new string(buffer[..NormalizeInto(text, buffer)]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return normalized;
    }

    /// <summary>Whether <paramref name="text"/> normalizes to <paramref name="normalized"/>, without making the string.</summary>
    private static bool NormalizesTo(string? text, string normalized)
    {
        if (string.IsNullOrWhiteSpace(text)) return normalized.Length == 0;
        // Normalizing never lengthens a text, so a shorter one cannot match.
        if (text.Length < normalized.Length) return false;
        char[]? rented = null;
        var buffer = text.Length <= StackLimit ? stackalloc char[text.Length] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        var equal = buffer[..NormalizeInto(text, buffer)].SequenceEqual(normalized);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return equal;
    }

    private const int StackLimit = 256;

    /// <summary>Writes the normalized <paramref name="text"/> into <paramref name="destination"/> (at least as long) and returns its length.</summary>
    private static int NormalizeInto(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var original in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(original) == UnicodeCategory.NonSpacingMark) continue;
            var c = FoldAccent(original);
            if (char.IsLetterOrDigit(c) || c is '&' or '/' or ',' or '+' or ';')
            {
                // A space is written only in place of at least one character dropped before it, so the result is never longer.
                if (pendingSpace && length > 0) destination[length++] = ' ';
                pendingSpace = false;
                destination[length++] = char.ToLowerInvariant(c);
            }
            else
            {
                pendingSpace = true;
            }
        }
        return length;
    }

    private const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ";
    private const string Unaccented = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy";

    /// <summary>Latin accents folded by table: the app runs with invariant globalization, where Unicode normalization is not available.</summary>
    private static char FoldAccent(char c)
    {
        var index = c < 'À' ? -1 : Accented.IndexOf(c);
        return index >= 0 ? Unaccented[index] : c;
    }

    private static (int Index, ChoiceMatch Match)? RecognizePosition(string input, int count)
    {
        var words = input.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Filler.Contains(w)).ToArray();
        // "one" alone is a number, not filler.
        if (words.Length == 0 && input.Split(' ').Contains("one")) words = ["one"];
        if (words.Length != 1) return null;
        var word = words[0];

        if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= count ? (number - 1, ChoiceMatch.Number) : null;
        }
        var spelled = Array.IndexOf(NumberWords, word);
        if (spelled >= 0) return spelled < count ? (spelled, ChoiceMatch.Number) : null;

        if (word == "last") return (count - 1, ChoiceMatch.Ordinal);
        var ordinal = Array.IndexOf(OrdinalWords, word);
        if (ordinal < 0 && OrdinalDigits().Match(word) is { Success: true } match) ordinal = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
        return ordinal >= 0 && ordinal < count ? (ordinal, ChoiceMatch.Ordinal) : null;
    }

    private static FoundChoice? RecognizePartial(string input, IReadOnlyList<Choice> choices)
    {
        // Either the answer is part of exactly one choice ("sme" → "Growing SME"), or exactly one choice's
        // text appears whole in the answer ("we are a startup" → "Startup").
        var candidates = new HashSet<int>();
        if (input.Length >= 3)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (Texts(choices[i]).Any(t => StartsAtWord(t, input))) candidates.Add(i);
            }
        }
        if (candidates.Count == 0)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (Texts(choices[i]).Any(t => t.Length >= 3 && ContainsWords(input, t))) candidates.Add(i);
            }
        }
        if (candidates.Count != 1) return null;
        var index = candidates.First();
        return new FoundChoice(choices[index].Value, index, ChoiceMatch.Partial);
    }

    private static IEnumerable<string> Texts(Choice choice) =>
        new[] { choice.DisplayTitle, choice.Value }.Concat(choice.Synonyms ?? []).Select(Normalize).Where(t => t.Length > 0);

    /// <summary>True when <paramref name="part"/> occurs in <paramref name="whole"/> starting at a word ("enterp" in "enterprise").</summary>
    private static bool StartsAtWord(string whole, string part)
    {
        var start = 0;
        while ((start = whole.IndexOf(part, start, StringComparison.Ordinal)) >= 0)
        {
            if (start == 0 || !char.IsLetterOrDigit(whole[start - 1])) return true;
            start++;
        }
        return false;
    }

    /// <summary>True when <paramref name="part"/> occurs in <paramref name="whole"/> on word boundaries.</summary>
    private static bool ContainsWords(string whole, string part)
    {
        var start = 0;
        while ((start = whole.IndexOf(part, start, StringComparison.Ordinal)) >= 0)
        {
            var end = start + part.Length;
            var leftOk = start == 0 || !char.IsLetterOrDigit(whole[start - 1]);
            var rightOk = end == whole.Length || !char.IsLetterOrDigit(whole[end]);
            if (leftOk && rightOk) return true;
            start++;
        }
        return false;
    }

    [GeneratedRegex(@"\s*(?:,|;|\+|&|/|\band\b|\bplus\b)\s*")]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"^(\d{1,2})(?:st|nd|rd|th)$")]
    private static partial Regex OrdinalDigits();
}
