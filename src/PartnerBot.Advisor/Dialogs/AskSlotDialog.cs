using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>Asks one question of the questionnaire again and returns it with the prompt's result.</summary>
public sealed class AskSlotDialog : WaterfallDialog<AskSlotDialog.Request>
{
    private readonly QuestionList _questionnaire;

    /// <summary>Begin with the question to ask, and the answers so far (some questions read differently on them).</summary>
    public sealed class Request
    {
        public QuestionId? Question { get; set; }
        public Assessment Assessment { get; set; } = new();
    }

    public sealed record Answer(QuestionId Question, object Result);

    public AskSlotDialog()
        : this(AssessmentQuestions.All)
    {
    }

    public AskSlotDialog(QuestionList questionnaire)
        : base(nameof(AskSlotDialog))
    {
        _questionnaire = questionnaire;
        AddSteps(AskStepAsync, ReturnStepAsync);
    }

    private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<Request> step, CancellationToken ct)
    {
        var question = _questionnaire[step.Values.Question ?? throw new InvalidOperationException("No question to ask.")];
        return step.PromptAsync(question.PromptDialogId, question.CreatePromptOptions(step.Values.Assessment, null), ct);
    }

    private Task<DialogTurnResult> ReturnStepAsync(WaterfallStepContext<Request> step, CancellationToken ct) =>
        step.EndAsync(step.Result is { } result ? new Answer(step.Values.Question!, result) : null, ct);
}
