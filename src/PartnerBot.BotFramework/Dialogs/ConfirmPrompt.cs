using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>Yes or no, typed in many ways or clicked. The prompt's choices default to Yes / No.</summary>
public sealed class ConfirmPrompt(string id, CardLibrary cards, PromptValidator<bool>? validator = null) : Prompt<bool>(id, validator)
{
    public const string YesValue = "yes";
    public const string NoValue = "no";

    public static List<Choice> DefaultChoices(string yesTitle = "Yes", string noTitle = "No") =>
    [
        new(YesValue, yesTitle, ["y", "yes", "yeah", "yep", "yup", "sure", "ok", "okay", "of course", "agree", "i agree", "accept", "i accept", "fine", "go ahead", "please do", "correct", "right", "true"]),
        new(NoValue, noTitle, ["n", "no", "nope", "nah", "no thanks", "no thank you", "decline", "i decline", "don t", "do not", "rather not", "not now", "false"]),
    ];

    protected override Task<PromptRecognition<bool>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        var choices = options.Choices is { Count: 2 } configured ? configured : DefaultChoices();
        var activity = dc.Turn.Activity;
        var found = ChoiceSubmit.SingleValue(CardActionValue.Of(activity)) is { } submitted
            ? choices.FindIndex(c => c.Value == submitted) is var index and >= 0 ? new FoundChoice(submitted, index, ChoiceMatch.CardSubmit) : null
            : ChoiceRecognizer.RecognizeOne(activity.Text, choices);
        return Task.FromResult(found is null
            ? PromptRecognition<bool>.Failure($"Please answer {choices[0].DisplayTitle.ToLowerInvariant()} or {choices[1].DisplayTitle.ToLowerInvariant()}.")
            : PromptRecognition<bool>.Success(found.Value == YesValue));
    }

    protected override void Decorate(DialogContext dc, PromptOptions options, Activity activity)
    {
        options.Choices ??= DefaultChoices();
        ChoiceRendering.Apply(dc.Turn.Activity, activity, options, cards, ChoicePrompt.CardName);
    }
}
