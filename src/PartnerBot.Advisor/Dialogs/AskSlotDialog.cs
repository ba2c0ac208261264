using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>Asks one assessment question again and returns the slot with the prompt's result.</summary>
public sealed class AskSlotDialog : WaterfallDialog<AskSlotDialog.Question>
{
    public sealed class Question
    {
        public string SlotId { get; set; } = string.Empty;
    }

    public sealed record Answer(string SlotId, object Result);

    public AskSlotDialog()
        : base(nameof(AskSlotDialog))
    {
        AddSteps(AskStepAsync, ReturnStepAsync);
    }

    private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<Question> step, CancellationToken ct)
    {
        var slot = AssessmentQuestions.Slot(step.Values.SlotId);
        return step.PromptAsync(slot.DialogId, slot.CreatePromptOptions(null), ct);
    }

    private Task<DialogTurnResult> ReturnStepAsync(WaterfallStepContext<Question> step, CancellationToken ct) =>
        step.EndAsync(step.Result is { } result ? new Answer(step.Values.SlotId, result) : null, ct);
}
