using PartnerBot.Advisor.Contact;
using PartnerBot.Advisor.Playbook;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// The whole session: the assessment, the recommendation card, then what the prospect wants next (talk to an
/// expert, change an answer, start over), coming back to the recommendation after each.
/// </summary>
public sealed class AdvisorDialog : WaterfallDialog<AdvisorState>
{
    public const string Expert = "expert";
    public const string Change = "change";
    public const string Restart = "restart";
    public const string Book = "book";

    private static readonly Choice BookChoice =
        new(Book, "Book a call", ["book a meeting", "book a call", "schedule a call", "schedule a meeting", "meeting", "call", "appointment", "pick a time"]);

    private static readonly List<Choice> NextStepChoices =
    [
        new(Expert, "Talk to an expert", ["expert", "talk to someone", "contact", "contact me", "call me", "connect me", "talk to a human", "sales"]),
        new(Change, "Change an answer", ["change", "edit", "change answer", "correct an answer", "modify", "fix an answer"]),
        new(Restart, "Start over", ["restart", "new assessment", "again"]),
    ];

    private readonly CardLibrary _cards;
    private readonly PartnerProfile _partner;
    private readonly bool _booking;

    protected override void OnStepStarting(DialogContext dc, AdvisorState values) => AdvisorTurn.Of(dc.Turn).Session = values;

    public AdvisorDialog(CardLibrary cards, PartnerProfile? partner = null, Booking.IMeetingCalendar? calendar = null)
        : base(nameof(AdvisorDialog))
    {
        _cards = cards;
        _booking = calendar?.Offered == true;
        _partner = partner ?? PartnerProfile.Unknown;
        AddSteps(
            AssessStepAsync,
            RecommendStepAsync,
            NextStepsStepAsync,
            RouteStepAsync,
            AfterActionStepAsync);
    }

    private Task<DialogTurnResult> AssessStepAsync(WaterfallStepContext<AdvisorState> step, CancellationToken ct) =>
        step.BeginDialogAsync(nameof(AssessmentDialog), step.Values.Assessment, ct);

    private async Task<DialogTurnResult> RecommendStepAsync(WaterfallStepContext<AdvisorState> step, CancellationToken ct)
    {
        if (step.Result is Assessment assessment) step.Values.Assessment = assessment;
        var recommendation = AdvisorPlaybook.Recommend(step.Values.Assessment, _partner);
        step.Values.Recommendation = recommendation;
        await step.Turn.SendActivityAsync(RecommendationCard.ToActivity(recommendation, _cards, teams: step.Turn.Activity.ChannelId == Channels.MsTeams, booking: _booking), ct);
        return await step.NextAsync(null, ct);
    }

    private Task<DialogTurnResult> NextStepsStepAsync(WaterfallStepContext<AdvisorState> step, CancellationToken ct) =>
        // The card carries the buttons; the words are only sent when an answer was not understood.
        step.PromptAsync(AdvisorDialogIds.Choice, new PromptOptions
        {
            RetryPrompt = Activity.CreateMessage("What would you like to do next?"),
            Choices = _booking ? [NextStepChoices[0], BookChoice, .. NextStepChoices[1..]] : NextStepChoices,
            Help = _booking
                ? "You can talk to one of our experts, book a call with one, change any of your answers and see the updated recommendation, or start over."
                : "You can talk to one of our experts, change any of your answers and see the updated recommendation, or start over.",
        }, ct);

    private async Task<DialogTurnResult> RouteStepAsync(WaterfallStepContext<AdvisorState> step, CancellationToken ct)
    {
        switch (step.Result)
        {
            case FoundChoice { Value: Expert }:
                // Live with a colleague when someone is there; otherwise the details for an expert, as before.
                return await step.BeginDialogAsync(nameof(LiveChatDialog), null, ct);
            case FoundChoice { Value: Book }:
                return await step.BeginDialogAsync(nameof(BookingDialog), null, ct);
            case FoundChoice { Value: Change }:
                return await step.BeginDialogAsync(nameof(ChangeAnswerDialog), step.Values.Assessment, ct);
            case FoundChoice { Value: Restart }:
                step.Context.CancelAllDialogs();
                return await step.Context.BeginDialogAsync(nameof(AdvisorDialog), null, ct);
            default:
                // Re-entered by "back": ask again what to do next.
                return await step.GoToAsync(NextStepsStepAsync, null, ct);
        }
    }

    private async Task<DialogTurnResult> AfterActionStepAsync(WaterfallStepContext<AdvisorState> step, CancellationToken ct)
    {
        switch (step.Result)
        {
            case ContactDetails contact:
                // Agreeing to be contacted is consent to keep the conversation from now on.
                step.Values.Contact = contact;
                step.Values.Assessment.ConsentGiven = true;
                await step.Turn.SendActivityAsync(AdvisorMessages.ContactConfirmation(contact), ct);
                return await step.GoToAsync(NextStepsStepAsync, null, ct);
            case Assessment changed:
                return await step.GoToAsync(RecommendStepAsync, changed, ct);
            default:
                return await step.GoToAsync(NextStepsStepAsync, null, ct);
        }
    }
}
