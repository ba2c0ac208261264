namespace PartnerBot.Advisor.Languages;

/// <summary>
/// The prospect's texts in the turn's language. Written in English where they are used, so each is declared once:
/// <c>Texts.Say("Thank you. Let's begin.")</c>; templates name their blanks: <c>Texts.Say("Thank you, {name}.", ("name", contact.Name))</c>.
/// </summary>
public static class Texts
{
    public static string Say(string english) => Language.Current.Translate(english);

    public static string Say(string englishTemplate, params (string Name, object? Value)[] values) => Language.Current.Format(englishTemplate, values);

    /// <summary>An answer as the questionnaire describes it ("Design in progress", or options joined by commas), in the turn's language.</summary>
    public static string Answer(string english)
    {
        var language = Language.Current;
        return language.TranslateComposed(english)
            ?? string.Join(", ", english.Split(", ").Select(part => language.TranslateComposed(part) ?? language.Translate(part)));
    }

    /// <summary>Alternatives in the turn's language: "A or B or C".</summary>
    public static string Or(IEnumerable<string> items) => string.Join(" " + Say("or") + " ", items);
}
