using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// The guided assessment: consent, then the questions of <see cref="AssessmentQuestions"/> in order (each step
/// stores the previous answer and asks the next question, or skips it when it does not apply), then the
/// optional readiness questions. Ends with the completed <see cref="Assessment"/>.
/// </summary>
public sealed class AssessmentDialog : WaterfallDialog<Assessment>
{
    private readonly AdvisorOptions _options;

    public AssessmentDialog(AdvisorOptions options)
        : base(nameof(AssessmentDialog))
    {
        _options = options;
        AddSteps(
            WelcomeAndConsentStepAsync,
            OrganizationStepAsync,
            MaturityStepAsync,
            MarketsStepAsync,
            EuClassStepAsync,
            UsClassStepAsync,
            RegulatoryStrategyStepAsync,
            QmsStepAsync,
            CapabilitiesStepAsync,
            PriorityStepAsync,
            VolumeStepAsync,
            LaunchStepAsync,
            CurrentNeedStepAsync,
            LocationStepAsync,
            ReadinessOfferStepAsync,
            KnowsGapsStepAsync,
            TeamsAlignedStepAsync,
            ProductVisionStepAsync,
            OpenToChallengeStepAsync,
            CompleteStepAsync);
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

    private async Task<DialogTurnResult> OrganizationStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        if (step.Reason != WaterfallStepReason.WentBack)
        {
            step.Values.ConsentGiven = step.ResultAs<bool>();
            await step.Turn.SendActivityAsync(step.Values.ConsentGiven == true ? AdvisorMessages.ConsentGiven : AdvisorMessages.ConsentDeclined, ct);
        }
        return await AskAsync(step, AssessmentQuestions.Organization, 1, ct);
    }

    private Task<DialogTurnResult> MaturityStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.Organization = Answer(step, AssessmentQuestions.Organization, step.Values.Organization);
        return AskAsync(step, AssessmentQuestions.Maturity, 2, ct);
    }

    private Task<DialogTurnResult> MarketsStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.Maturity = Answer(step, AssessmentQuestions.Maturity, step.Values.Maturity);
        return AskAsync(step, AssessmentQuestions.Markets, 3, ct);
    }

    private Task<DialogTurnResult> EuClassStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.Markets = Answer(step, AssessmentQuestions.Markets, step.Values.Markets);
        return AskAsync(step, AssessmentQuestions.EuClass, 4, ct);
    }

    private Task<DialogTurnResult> UsClassStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.EuClass = Answer(step, AssessmentQuestions.EuClass, step.Values.EuClass);
        return AskAsync(step, AssessmentQuestions.UsClass, 4, ct);
    }

    private Task<DialogTurnResult> RegulatoryStrategyStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.UsClass = Answer(step, AssessmentQuestions.UsClass, step.Values.UsClass);
        return AskAsync(step, AssessmentQuestions.RegulatoryStrategy, 5, ct);
    }

    private Task<DialogTurnResult> QmsStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.RegulatoryStrategy = Answer(step, AssessmentQuestions.RegulatoryStrategy, step.Values.RegulatoryStrategy);
        return AskAsync(step, AssessmentQuestions.Qms, 6, ct);
    }

    private Task<DialogTurnResult> CapabilitiesStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.Qms = Answer(step, AssessmentQuestions.Qms, step.Values.Qms);
        var question = AssessmentQuestions.Capabilities;
        return step.PromptAsync(AdvisorDialogIds.MultiChoice, question.ToPromptOptions(Progress(7)), ct);
    }

    private Task<DialogTurnResult> PriorityStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        if (step.Reason != WaterfallStepReason.WentBack)
        {
            var found = step.ResultAs<IReadOnlyList<FoundChoice>>();
            step.Values.Capabilities = found.Select(AssessmentQuestions.Capabilities.ValueOf).Where(c => c != Capability.None).ToList();
        }
        return AskAsync(step, AssessmentQuestions.Priority, 8, ct);
    }

    private Task<DialogTurnResult> VolumeStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.Priority = Answer(step, AssessmentQuestions.Priority, step.Values.Priority);
        return AskAsync(step, AssessmentQuestions.Volume, 9, ct);
    }

    private Task<DialogTurnResult> LaunchStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.Volume = Answer(step, AssessmentQuestions.Volume, step.Values.Volume);
        return AskAsync(step, AssessmentQuestions.Launch, 10, ct);
    }

    private Task<DialogTurnResult> CurrentNeedStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.Launch = Answer(step, AssessmentQuestions.Launch, step.Values.Launch);
        return AskAsync(step, AssessmentQuestions.CurrentNeed, 10, ct);
    }

    private Task<DialogTurnResult> LocationStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.CurrentNeed = Answer(step, AssessmentQuestions.CurrentNeed, step.Values.CurrentNeed);
        return AskAsync(step, AssessmentQuestions.Location, 11, ct);
    }

    private Task<DialogTurnResult> ReadinessOfferStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.Location = Answer(step, AssessmentQuestions.Location, step.Values.Location);
        return step.PromptAsync(AdvisorDialogIds.Confirm, new PromptOptions
        {
            Prompt = Activity.CreateMessage(AssessmentQuestions.ReadinessOffer),
            Choices = ConfirmPrompt.DefaultChoices("Sure", "Skip"),
            Help = AssessmentQuestions.ReadinessHelp,
        }, ct);
    }

    private Task<DialogTurnResult> KnowsGapsStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        if (step.Reason != WaterfallStepReason.WentBack) step.Values.WantsReadinessQuestions = step.ResultAs<bool>();
        return AskReadinessAsync(step, AssessmentQuestions.KnowsCompetenciesAndGaps, 1, ct);
    }

    private Task<DialogTurnResult> TeamsAlignedStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.KnowsCompetenciesAndGaps = Answer(step, AssessmentQuestions.KnowsCompetenciesAndGaps, step.Values.KnowsCompetenciesAndGaps);
        return AskReadinessAsync(step, AssessmentQuestions.TeamsAligned, 2, ct);
    }

    private Task<DialogTurnResult> ProductVisionStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.TeamsAligned = Answer(step, AssessmentQuestions.TeamsAligned, step.Values.TeamsAligned);
        return AskReadinessAsync(step, AssessmentQuestions.ClearProductVision, 3, ct);
    }

    private Task<DialogTurnResult> OpenToChallengeStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.ClearProductVision = Answer(step, AssessmentQuestions.ClearProductVision, step.Values.ClearProductVision);
        return AskReadinessAsync(step, AssessmentQuestions.OpenToChallenge, 4, ct);
    }

    private async Task<DialogTurnResult> CompleteStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct)
    {
        step.Values.OpenToChallenge = Answer(step, AssessmentQuestions.OpenToChallenge, step.Values.OpenToChallenge);
        step.Values.Completed = true;
        await step.Turn.SendActivityAsync(AdvisorMessages.AssessmentComplete, ct);
        return await step.EndAsync(step.Values, ct);
    }

    private static Task<DialogTurnResult> AskAsync<T>(WaterfallStepContext<Assessment> step, Question<T> question, int number, CancellationToken ct)
        where T : struct, Enum =>
        question.AppliesTo(step.Values)
            ? step.PromptAsync(AdvisorDialogIds.Choice, question.ToPromptOptions(Progress(number)), ct)
            : step.NextAsync(null, ct);

    private static Task<DialogTurnResult> AskReadinessAsync(WaterfallStepContext<Assessment> step, Question<ReadinessLevel> question, int number, CancellationToken ct) =>
        question.AppliesTo(step.Values)
            ? step.PromptAsync(AdvisorDialogIds.Choice, question.ToPromptOptions($"Readiness {number} of 4"), ct)
            : step.NextAsync(null, ct);

    /// <summary>
    /// The answer the previous step's prompt returned; null when that question was skipped (it no longer applies);
    /// the <paramref name="current"/> answer when the step is re-entered by "back".
    /// </summary>
    private static T? Answer<T>(WaterfallStepContext<Assessment> step, Question<T> question, T? current) where T : struct, Enum =>
        step.Reason == WaterfallStepReason.WentBack ? current : step.Result is FoundChoice found ? question.ValueOf(found) : null;

    private static string Progress(int number) => $"Question {number} of {AssessmentQuestions.NumberedCount}";
}
