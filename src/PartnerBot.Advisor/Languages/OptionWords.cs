using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Languages;

/// <summary>
/// An option's words in a language: its title (translated) and the synonyms prospects type. English synonyms are
/// declared with the option; another language's are in its understanding catalog, under the question's name and the
/// option's key (the enum member, or "true"/"false").
/// </summary>
public static class OptionWords
{
    public static string Key<T>(T value) where T : struct => value is bool yes ? (yes ? "true" : "false") : value.ToString()!;

    /// <remarks>
    /// Place names are read in English whatever the language ("Allemagne" is read as "germany"), so an option's
    /// English place names stay among its synonyms in every language.
    /// </remarks>
    public static IReadOnlyList<string> Synonyms<T>(string question, Option<T> option, Language language) where T : struct =>
        language.IsEnglish
            ? option.Synonyms
            : [.. language.Catalog.Synonyms(question, Key(option.Value)) ?? [], .. option.Synonyms.Where(Understanding.Places.IsName)];

    /// <summary>The options as a prompt offers them in <paramref name="language"/>; a choice's value never changes with the language.</summary>
    public static IReadOnlyList<Choice> Choices<T>(string question, IReadOnlyList<Option<T>> options, Language language) where T : struct =>
        options.Select(o => new Choice(
            o.Value is bool yes ? (yes ? "yes" : "no") : o.Value.ToString()!,
            language.Translate(o.Title),
            Synonyms(question, o, language).Where(s => !s.StartsWith('~')).ToList())).ToList();

    /// <summary>Every phrase that names the option in <paramref name="language"/>: synonyms, and the title unless readers read it.</summary>
    public static IEnumerable<string> Phrases<T>(string question, Option<T> option, Language language, bool withTitle) where T : struct
    {
        var synonyms = Synonyms(question, option, language);
        return withTitle ? synonyms.Append(language.Translate(option.Title)) : synonyms;
    }
}
