using PartnerBot.Advisor.Languages;
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

    protected override void OnStepStarting(DialogContext dc, Assessment values) => AdvisorTurn.Of(dc.Turn).Assessment = values;

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
        var answered = _questionnaire.Questions.Where(q => q.Numbering != Numbering.None && q.AppliesTo(step.Values) && q.IsAnswered(step.Values)).ToList();
        return step.PromptAsync(AdvisorDialogIds.Choice, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Which answer would you like to change?"),
            // Labels and answers as the prospect reads them: in their language (sales read the English ones).
            Choices = answered.Select(q => new Choice(q.Name, $"{Texts.Say(q.Label)}: {Texts.Answer(q.Describe(step.Values)!)}", [Texts.Say(q.Label)])).ToList(),
            Help = "Pick the answer to change; I'll ask that question again and update the recommendation.",
        }, ct);
    }

    private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
        step.Result is FoundChoice picked && _questionnaire.Find(picked.Value) is { } question
            ? AskAsync(step, question, ct)
            : step.GoToAsync(PickStepAsync, null, ct);

    private async Task<DialogTurnResult> ApplyStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        if (step.Result is GivenAnswer answer && _questionnaire.Find(answer.Question) is { } question) answer.ApplyTo(question, step.Values);
        // "Change" on an earlier card of understood answers, pressed meanwhile: that question, then on as usual.
        if (step.Result is CorrectionRequest correction && _questionnaire.Find(correction.Question) is { } corrected && corrected.AppliesTo(step.Values))
            return await AskAsync(step, corrected, ct);

        _questionnaire.ClearInapplicable(step.Values);
        var missing = _questionnaire.NextOpen(step.Values);
        return missing is null ? await step.EndAsync(step.Values, ct) : await AskAsync(step, missing, ct);
    }

    private Task<DialogTurnResult> AskNextStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
        step.GoToAsync(ApplyStepAsync, step.Result, ct);

    private Task<DialogTurnResult> AskAsync(WaterfallStepContext<Assessment> step, IQuestion question, CancellationToken ct) =>
        step.BeginDialogAsync(AdvisorDialogIds.Answer, new AnswerPrompt.Request { Question = question.Name, Options = question.CreatePromptOptions(step.Values, null) }, ct);
}
