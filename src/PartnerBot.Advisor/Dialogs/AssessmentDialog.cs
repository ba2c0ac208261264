using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// The guided assessment: the welcome and consent, then one step per question of the <see cref="QuestionList"/>
/// (each step stores the answer to the question before it and asks its own, or skips it when it does not
/// apply), then the end. The steps are derived from the questionnaire, so they follow any change to it.
/// Ends with the completed <see cref="Assessment"/>.
/// </summary>
public sealed class AssessmentDialog : WaterfallDialog<Assessment>
{
    private readonly AdvisorOptions _options;
    private readonly QuestionList _questionnaire;

    public AssessmentDialog(AdvisorOptions options)
        : this(options, AssessmentQuestions.All)
    {
    }

    public AssessmentDialog(AdvisorOptions options, QuestionList questionnaire)
        : base(nameof(AssessmentDialog))
    {
        _options = options;
        _questionnaire = questionnaire;
        AddSteps(WelcomeAndConsentStepAsync);
        IQuestion? previous = null;
        foreach (var question in questionnaire.Questions)
        {
            var answered = previous;
            AddSteps((step, ct) => StoreAndAskStepAsync(step, answered, question, ct));
            previous = question;
        }
        var last = previous;
        AddSteps((step, ct) => CompleteStepAsync(step, last, ct));
    }

    private async Task<DialogTurnResult> WelcomeAndConsentStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        await step.Turn.SendActivityAsync(AdvisorMessages.Welcome(_options), ct);
        return await step.PromptAsync(AdvisorDialogIds.Confirm, new PromptOptions
        {
            Prompt = Activity.CreateMessage(AdvisorMessages.ConsentQuestion(_options)),
            Choices = ConfirmPrompt.DefaultChoices("Yes, keep it", "No, thanks"),
            Help = AdvisorMessages.ConsentHelp(_options),
        }, ct);
    }

    /// <param name="answered">The question asked by the step before (null: the consent question).</param>
    private async Task<DialogTurnResult> StoreAndAskStepAsync(WaterfallStepContext<Assessment> step, IQuestion? answered, IQuestion question, CancellationToken ct)
    {
        if (answered is not null)
        {
            Store(step, answered);
        }
        else if (step.Reason != WaterfallStepReason.WentBack)
        {
            step.Values.ConsentGiven = step.ResultAs<bool>();
            await step.Turn.SendActivityAsync(step.Values.ConsentGiven == true ? AdvisorMessages.ConsentGiven : AdvisorMessages.ConsentDeclined, ct);
        }

        return question.AppliesTo(step.Values)
            ? await step.PromptAsync(question.PromptDialogId, question.CreatePromptOptions(step.Values, _questionnaire.Progress(question, step.Values)), ct)
            : await step.NextAsync(null, ct);
    }

    private async Task<DialogTurnResult> CompleteStepAsync(WaterfallStepContext<Assessment> step, IQuestion? answered, CancellationToken ct)
    {
        if (answered is not null) Store(step, answered);
        step.Values.Completed = true;
        await step.Turn.SendActivityAsync(AdvisorMessages.AssessmentComplete, ct);
        return await step.EndAsync(step.Values, ct);
    }

    /// <summary>
    /// Keeps the answer the previous step's prompt returned; forgets it when that question was skipped (it no
    /// longer applies); leaves it alone when the step is re-entered by "back".
    /// </summary>
    private static void Store(WaterfallStepContext<Assessment> step, IQuestion answered)
    {
        if (step.Reason == WaterfallStepReason.WentBack) return;
        if (step.Result is { } result) answered.Apply(step.Values, result);
        else answered.Clear(step.Values);
    }
}
