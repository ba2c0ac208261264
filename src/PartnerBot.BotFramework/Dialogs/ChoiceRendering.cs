using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>Puts a prompt's choices on the outgoing question in the form the user's channel can show.</summary>
public static class ChoiceRendering
{
    public static void Apply(Activity inbound, Activity question, PromptOptions options, CardLibrary cards, string cardName)
    {
        var choices = options.Choices ?? [];
        if (choices.Count == 0) return;
        var style = cardName == MultiChoicePrompt.CardName ? ChoiceStyle.CardButtons : ChoiceStyles.For(inbound, choices.Count);
        if (style == ChoiceStyle.SuggestedActions)
        {
            question.Text = Prefix(options.Progress, question.Text);
            question.SuggestedActions = new SuggestedActions
            {
                To = inbound.From?.Id is { } user ? [user] : null,
                Actions = choices.Select(c => CardAction.ImBack(c.DisplayTitle)).ToList(),
            };
            return;
        }

        var data = new ChoiceCardData(options.Progress, question.Text ?? string.Empty, choices.Select(c => new ChoiceCardItem(c.DisplayTitle, c.Value)).ToList());
        question.Attachments = [.. question.Attachments ?? [], cards.RenderAttachment(cardName, data)];
        // The card carries the question; the summary is what notifications and text-only clients show.
        question.Summary = question.Text;
        question.Text = null;
    }

    /// <summary>The re-prompt hint: what answers are understood.</summary>
    public static string Expected(IReadOnlyList<Choice> choices) =>
        choices.Count == 0
            ? "Please pick one of the options."
            : "Please pick one of the options, or type its number: " +
              string.Join(", ", choices.Select((c, i) => $"{i + 1}. {c.DisplayTitle}")) + ".";

    private static string? Prefix(string? progress, string? text) =>
        progress is null ? text : $"*{progress}*\n\n{text}";
}
