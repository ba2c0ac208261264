using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// Lets the prospect pick an answer and give it again. Answers that no longer apply are cleared, and any
/// question that now applies and was never asked is asked, so the assessment stays consistent. Ends with the
/// updated assessment.
/// </summary>
public sealed class ChangeAnswerDialog : WaterfallDialog<Assessment>
{
    private const int ApplyStep = 2;

    public ChangeAnswerDialog()
        : base(nameof(ChangeAnswerDialog))
    {
        AddSteps(PickStepAsync, AskStepAsync, ApplyStepAsync, AskNextStepAsync);
    }

    private Task<DialogTurnResult> PickStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        var answered = AssessmentQuestions.Slots.Where(s => s.AppliesTo(step.Values) && s.IsAnswered(step.Values)).ToList();
        return step.PromptAsync(AdvisorDialogIds.Choice, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Which answer would you like to change?"),
            Choices = answered.Select(s => new Choice(s.Id, $"{s.Label}: {s.Describe(step.Values)}", [s.Label])).ToList(),
            Help = "Pick the answer to change; I'll ask that question again and update the recommendation.",
        }, ct);
    }

    private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
        step.Result is FoundChoice picked
            ? step.BeginDialogAsync(nameof(AskSlotDialog), new AskSlotDialog.Question { SlotId = picked.Value }, ct)
            : step.GoToAsync(0, null, ct);

    private async Task<DialogTurnResult> ApplyStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        if (step.Result is AskSlotDialog.Answer answer) AssessmentQuestions.Slot(answer.SlotId).Apply(step.Values, answer.Result);

        foreach (var slot in AssessmentQuestions.Slots.Where(s => !s.AppliesTo(step.Values))) slot.Clear(step.Values);
        var missing = AssessmentQuestions.Slots.FirstOrDefault(s => s.AppliesTo(step.Values) && !s.IsAnswered(step.Values));
        return missing is null
            ? await step.EndAsync(step.Values, ct)
            : await step.BeginDialogAsync(nameof(AskSlotDialog), new AskSlotDialog.Question { SlotId = missing.Id }, ct);
    }

    private Task<DialogTurnResult> AskNextStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
        step.GoToAsync(ApplyStep, step.Result, ct);
}
