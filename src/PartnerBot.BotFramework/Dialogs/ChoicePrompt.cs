using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>One of a list of choices, typed (see <see cref="ChoiceRecognizer"/>) or clicked.</summary>
public sealed class ChoicePrompt(string id, CardLibrary cards, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(id, validator)
{
    public const string CardName = "choice-prompt";

    protected override Task<PromptRecognition<FoundChoice>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        var choices = options.Choices ?? [];
        var activity = dc.Turn.Activity;
        if (RecognizeButton(activity, choices) is { } clicked) return Task.FromResult(clicked);
        return Task.FromResult(ChoiceRecognizer.RecognizeOne(activity.Text, choices) is { } found
            ? PromptRecognition<FoundChoice>.Success(found)
            : PromptRecognition<FoundChoice>.Failure(ChoiceRendering.Expected(choices)));
    }

    /// <summary>A choice card's button: the choice it stands for, or a failure for a button of an earlier question; null when no button was clicked.</summary>
    public static PromptRecognition<FoundChoice>? RecognizeButton(Activity activity, List<Choice> choices)
    {
        if (ChoiceSubmit.SingleValue(CardActionValue.Of(activity)) is not { } submitted) return null;
        var index = choices.FindIndex(c => c.Value == submitted);
        return index >= 0
            ? PromptRecognition<FoundChoice>.Success(new FoundChoice(submitted, index, ChoiceMatch.CardSubmit))
            : PromptRecognition<FoundChoice>.Failure("That button belongs to an earlier question.");
    }

    protected override void Decorate(DialogContext dc, PromptOptions options, Activity activity) =>
        ChoiceRendering.Apply(dc.Turn.Activity, activity, options, cards, CardName);

    protected override string HelpText(PromptOptions options) =>
        (options.Help is null ? string.Empty : options.Help + "\n\n") + ChoiceRendering.Expected(options.Choices ?? []) + "\n\n" + DefaultHelpFooter;
}
