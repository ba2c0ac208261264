using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Languages;

/// <summary>
/// Yes and no as a confirm prompt's two choices, in the turn's language: the titles translated, and the words a
/// prospect types for yes and no (<c>ConfirmPrompt.Yes</c> and <c>ConfirmPrompt.No</c> in the understanding catalog).
/// </summary>
public static class YesNo
{
    public static List<Choice> Choices(string yesTitle = "Yes", string noTitle = "No")
    {
        var english = ConfirmPrompt.DefaultChoices(yesTitle, noTitle);
        var language = Language.Current;
        if (language.IsEnglish) return english;
        return
        [
            new(ConfirmPrompt.YesValue, language.Translate(yesTitle), [.. language.Catalog.Words("ConfirmPrompt.Yes") ?? []]),
            new(ConfirmPrompt.NoValue, language.Translate(noTitle), [.. language.Catalog.Words("ConfirmPrompt.No") ?? []]),
        ];
    }
}
