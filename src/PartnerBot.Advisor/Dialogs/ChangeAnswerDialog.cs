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
    private readonly QuestionList _questionnaire;

    public ChangeAnswerDialog()
        : this(AssessmentQuestions.All)
    {
    }

    public ChangeAnswerDialog(QuestionList questionnaire)
        : base(nameof(ChangeAnswerDialog))
    {
        _questionnaire = questionnaire;
        AddSteps(PickStepAsync, AskStepAsync, ApplyStepAsync, AskNextStepAsync);
    }

    private Task<DialogTurnResult> PickStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        var answered = _questionnaire.Questions.Where(q => q.AppliesTo(step.Values) && q.IsAnswered(step.Values)).ToList();
        return step.PromptAsync(AdvisorDialogIds.Choice, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Which answer would you like to change?"),
            Choices = answered.Select(q => new Choice(q.Id.Name, $"{q.Label}: {q.Describe(step.Values)}", [q.Label])).ToList(),
            Help = "Pick the answer to change; I'll ask that question again and update the recommendation.",
        }, ct);
    }

    private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
        step.Result is FoundChoice picked && _questionnaire.Find(picked.Value) is { } question
            ? step.BeginDialogAsync(nameof(AskSlotDialog), new AskSlotDialog.Request { Question = question.Id, Assessment = step.Values }, ct)
            : step.GoToAsync(PickStepAsync, null, ct);

    private async Task<DialogTurnResult> ApplyStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        if (step.Result is AskSlotDialog.Answer answer) _questionnaire[answer.Question].Apply(step.Values, answer.Result);

        foreach (var question in _questionnaire.Questions.Where(q => !q.AppliesTo(step.Values))) question.Clear(step.Values);
        var missing = _questionnaire.Questions.FirstOrDefault(q => q.AppliesTo(step.Values) && !q.IsAnswered(step.Values));
        return missing is null
            ? await step.EndAsync(step.Values, ct)
            : await step.BeginDialogAsync(nameof(AskSlotDialog), new AskSlotDialog.Request { Question = missing.Id, Assessment = step.Values }, ct);
    }

    private Task<DialogTurnResult> AskNextStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
        step.GoToAsync(ApplyStepAsync, step.Result, ct);
}
