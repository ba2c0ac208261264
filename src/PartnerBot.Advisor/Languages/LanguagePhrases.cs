using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Languages;

/// <summary>
/// The phrases a language says a thing with (a request for a person, a question, a booking), from its understanding
/// catalog (<c>phrases</c>, keyed like the English pattern they stand beside): each a plain phrase, compared with
/// the message's words (case, accents and punctuation ignored), or a small regular expression.
/// </summary>
public static partial class LanguagePhrases
{
    public enum Where
    {
        /// <summary>The message is the phrase, give or take a few words of courtesy around it.</summary>
        Whole,

        /// <summary>The message begins with the phrase ("was ist …").</summary>
        Start,
    }

    private static readonly ConcurrentDictionary<(Language, string, Where), Regex?> Patterns = new();

    /// <summary>True when, in the turn's language (not English, whose patterns are in the code), the text says one of <paramref name="key"/>'s phrases.</summary>
    public static bool Says(string key, string? text, Where where)
    {
        var language = Language.Current;
        if (language.IsEnglish || string.IsNullOrWhiteSpace(text)) return false;
        return Patterns.GetOrAdd((language, key, where), Build) is { } pattern && pattern.IsMatch(Normalize(text));
    }

    /// <summary>Lower case, accents folded, punctuation gone, single spaces.</summary>
    public static string Normalize(string text) => Separators().Replace(ChoiceRecognizer.Normalize(text.Replace('ß', 's').Replace('\'', ' ').Replace('-', ' ')), " ").Trim();

    private static Regex? Build((Language Language, string Key, Where Where) at)
    {
        var phrases = at.Language.Catalog.Phrases(at.Key);
        if (phrases is null || phrases.Count == 0) return null;
        var alternatives = phrases.Where(p => !p.StartsWith('_')).Select(Alternative).Where(a => a.Length > 0).ToList();
        if (alternatives.Count == 0) return null;
        var body = "(?:" + string.Join("|", alternatives) + ")";
        var courtesy = @"(?:(?:bitte|danke|hallo|hi|ok|okay|also|merci|svp|s il vous plait|s il te plait|bonjour|alors|oui|ja|jetzt|maintenant)\s)*";
        var pattern = at.Where switch
        {
            Where.Whole => "^" + courtesy + body + @"(?:\s(?:bitte|danke|jetzt|sofort|merci|svp|s il vous plait|maintenant|tout de suite))*$",
            _ => "^" + courtesy + body + @"\b",
        };
        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>A plain phrase as its normalized words; a regular expression as it is, once it proves valid.</summary>
    private static string Alternative(string phrase)
    {
        if (phrase.IndexOfAny(['(', '[', '\\', '|', '?', '*', '+']) < 0) return Regex.Escape(Normalize(phrase)).Replace(@"\ ", @"\s");
        try
        {
            _ = new Regex(phrase);
            return "(?:" + phrase + ")";
        }
        catch (ArgumentException)
        {
            return Regex.Escape(Normalize(phrase)).Replace(@"\ ", @"\s");
        }
    }

    [GeneratedRegex(@"[,;/\s]+")]
    private static partial Regex Separators();
}
