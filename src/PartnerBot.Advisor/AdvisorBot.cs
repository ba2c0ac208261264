using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PartnerBot.Advisor.Booking;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Advisor.Knowledge;
using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.Advisor.Playbook;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.Advisor.Understanding;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.Advisor;

/// <summary>
/// The advisor's turn logic. Messages and card actions (Action.Submit, and Action.Execute invokes in Teams) drive
/// the dialogs. In a one-to-one conversation a new member, an installation or Web Chat's join event starts the
/// assessment with a greeting (not while one is under way); in a team or group chat the bot introduces itself
/// once and each person starts their own assessment by mentioning it. Other activities are acknowledged only.
/// </summary>
public sealed partial class AdvisorBot(
    DialogManager dialogs, IStorage storage, CardLibrary cards, AdvisorOptions options, KnowledgeBase knowledge, InterruptionOptions interruptions, TimeProvider clock,
    ILogger<AdvisorBot> logger, IMeetingCalendar? calendar = null) : IBot
{
    public const string WebChatJoinEvent = "webchat/join";
    public const string NoticeCard = "notice";

    private static readonly string[] CardVerbs = [AdvisorDialog.Expert, AdvisorDialog.Change, AdvisorDialog.Restart, AdvisorDialog.Book];

    private readonly bool _booking = calendar?.Offered == true;

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        // Until the stored choice is read, the client's locale (or the site's language) says which language to speak.
        Speak(turn, DefaultLanguage(activity));
        turn.OnPrepareActivity(reply => ActivityTranslator.Translate(reply, turn.State.Get<Language>() ?? Language.English));
        switch (activity.Type)
        {
            case ActivityTypes.Message or ActivityTypes.EndOfConversation:
                await dialogs.RunAsync(turn, (dc, ct) => InLanguageAsync(dc, OnMessageAsync, ct), cancellationToken);
                break;
            case ActivityTypes.Invoke when CardActionValue.IsCardAction(activity):
                await OnCardActionAsync(turn, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate when activity.MembersAdded is { Count: > 0 } added:
                var botAdded = added.Any(m => m.Id == activity.Recipient?.Id);
                if (DialogStateKey.IsShared(activity))
                {
                    if (botAdded) await IntroduceToGroupAsync(turn, cancellationToken);
                }
                else
                {
                    await GreetAsync(turn, cancellationToken);
                }
                break;
            case ActivityTypes.InstallationUpdate when activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true:
                // Leaving ends a live chat; nothing else to do.
                await dialogs.RunAsync(turn, (dc, ct) => InLanguageAsync(dc, OnMessageAsync, ct), cancellationToken);
                break;
            case ActivityTypes.InstallationUpdate when activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true:
                await (DialogStateKey.IsShared(activity) ? IntroduceToGroupAsync(turn, cancellationToken) : GreetAsync(turn, cancellationToken));
                break;
            case ActivityTypes.Event when string.Equals(activity.Name, WebChatJoinEvent, StringComparison.Ordinal):
                await GreetAsync(turn, cancellationToken);
                break;
            default:
                LogIgnored(logger, LogValue.Clean(activity.Type), LogValue.Clean(activity.Name));
                break;
        }
    }

    /// <summary>
    /// Action.Execute from a Teams card: the action's data answers the waiting prompt like a submit would, and the
    /// invoke response refreshes the card in place.
    /// </summary>
    private async Task OnCardActionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var verb = CardActionValue.Verb(turn.Activity);
        if (verb is null || !CardVerbs.Contains(verb))
        {
            turn.InvokeResponse = new InvokeResponse(200, new JsonObject
            {
                ["statusCode"] = 400,
                ["type"] = "application/vnd.microsoft.error",
                ["value"] = new JsonObject { ["code"] = "BadRequest", ["message"] = $"This card does not support the action '{verb}'." },
            });
            return;
        }

        await dialogs.RunAsync(turn, (dc, ct) => InLanguageAsync(dc, dialogs.ContinueOrBeginAsync, ct), cancellationToken);
        var session = AdvisorTurn.Of(turn).Session;
        var card = session?.Recommendation is { } recommendation && verb != AdvisorDialog.Restart
            ? RecommendationCard.Render(recommendation, cards, teams: true, booking: _booking)
            : cards.Render(NoticeCard, new { Text = AdvisorMessages.CardActionNotice });
        ActivityTranslator.TranslateCard(card, turn.State.Get<Language>() ?? Language.English);
        turn.InvokeResponse = new InvokeResponse(200, new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = Attachment.AdaptiveCardContentType,
            ["value"] = card,
        });
    }

    /// <summary>
    /// A message: while a live chat lasts it goes to the chat as it is (no help, no questions answered, no commands);
    /// a request for a person starts one over whatever is under way; a question is answered from the knowledge base;
    /// anything else goes to the dialogs.
    /// </summary>
    private async Task<DialogTurnResult> OnMessageAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var activity = dc.Turn.Activity;
        if (dc.ActiveDialog?.Id == nameof(LiveChatDialog)) return await dc.ContinueDialogAsync(cancellationToken);
        if (!activity.IsType(ActivityTypes.Message)) return DialogTurnResult.EndOfTurn;
        if (LiveChatRequest.IsRequest(activity.Text))
        {
            // Asked before anything began: the session begins first, so consent and answers have a place to live.
            if (dc.ActiveDialog is null) await dc.BeginDialogAsync(nameof(AdvisorDialog), null, cancellationToken);
            return await dc.BeginDialogAsync(nameof(LiveChatDialog), null, cancellationToken);
        }
        var submitted = ChoiceSubmit.SingleValue(CardActionValue.Of(activity));
        if (MeetingRequest.IsCancel(activity.Text) || submitted == MeetingRequest.CancelCommand)
        {
            if (dc.ActiveDialog is null) await dc.BeginDialogAsync(nameof(AdvisorDialog), null, cancellationToken);
            return await dc.BeginDialogAsync(nameof(BookingDialog), new BookingDialog.Options { Cancel = true }, cancellationToken);
        }
        if (MeetingRequest.IsBooking(activity.Text) && dc.ActiveDialog?.Id != nameof(BookingDialog) && dc.ActiveDialog?.Id != BookingDialog.SlotPromptId)
        {
            if (dc.ActiveDialog is null) await dc.BeginDialogAsync(nameof(AdvisorDialog), null, cancellationToken);
            return await dc.BeginDialogAsync(nameof(BookingDialog), null, cancellationToken);
        }
        if (QuestionDetector.IsQuestion(activity.Text)) return await AnswerQuestionAsync(dc, activity.Text!, cancellationToken);
        return await dialogs.ContinueOrBeginAsync(dc, cancellationToken);
    }

    /// <summary>
    /// Answers a question from the knowledge base, then asks the waiting question again (or starts, if nothing is
    /// under way). A question it has no passage for is promised to an expert and kept with the answers for sales.
    /// </summary>
    private async Task<DialogTurnResult> AnswerQuestionAsync(DialogContext dc, string question, CancellationToken ct)
    {
        var turn = dc.Turn;
        // "help", "back" and answers the waiting question understands go their usual way ("is it IIa? probably").
        // A request for an explanation is never an answer, even when it names an option ("what does design
        // transfer mean?"). A question that only hints at an option is answered from the knowledge base when it
        // has an answer, and checked with the prospect as a possible answer otherwise.
        if (DialogManager.Recognize(turn.Activity, interruptions) != Interruption.None) return await dialogs.ContinueOrBeginAsync(dc, ct);
        var reading = dc.ActiveDialog is { } waiting && !QuestionDetector.AsksForExplanation(question)
            ? AnswerPrompt.WouldRead(waiting, AssessmentQuestions.All, question, ReadContext.At(clock))
            : ReadingKind.NotUnderstood;
        if (reading == ReadingKind.Understood) return await dialogs.ContinueOrBeginAsync(dc, ct);
        var answers = knowledge.Answer(question);
        if (reading == ReadingKind.Confirm && answers.Count == 0) return await dialogs.ContinueOrBeginAsync(dc, ct);
        foreach (var answer in answers) await turn.SendActivityAsync(answer.ToMarkdown(), ct);
        if (answers.Count == 0) await turn.SendActivityAsync(AdvisorMessages.QuestionForAnExpert, ct);

        DialogTurnResult result;
        if (dc.ActiveDialog is null)
        {
            result = await dc.BeginDialogAsync(nameof(AdvisorDialog), null, ct);
        }
        else
        {
            await dc.RepromptDialogAsync(ct);
            result = DialogTurnResult.EndOfTurn;
        }
        // Kept for sales only with consent: a question may say who is asking.
        if (answers.Count == 0 && AdvisorSession.AssessmentOf(dc) is { } assessment && assessment.ConsentGiven == true)
        {
            assessment.UnansweredQuestions.Add(new UnansweredQuestion(question.Trim(), clock.GetUtcNow()));
            AdvisorTurn.Of(turn).Assessment = assessment;
        }
        return result;
    }

    private Task GreetAsync(TurnContext turn, CancellationToken cancellationToken) =>
        dialogs.RunAsync(turn, (dc, ct) => InLanguageAsync(dc, async (dc, ct) =>
            dc.ActiveDialog is null
                ? await dc.BeginDialogAsync(nameof(AdvisorDialog), null, ct)
                : DialogTurnResult.EndOfTurn, ct),
            cancellationToken);

    /// <summary>
    /// Runs the turn in the conversation's language: the one the prospect asked for ("auf Deutsch bitte", which also
    /// asks the waiting question again in it), else the one kept with the answers, unless the client's locale has
    /// changed since and the prospect never chose (the page's language switch), else the client's locale, else the
    /// site's. The language is kept with every copy of the answers on the stack, so sales see it too.
    /// </summary>
    private async Task<DialogTurnResult> InLanguageAsync(
        DialogContext dc, Func<DialogContext, CancellationToken, Task<DialogTurnResult>> next, CancellationToken cancellationToken)
    {
        var activity = dc.Turn.Activity;
        var kept = AdvisorSession.LanguageOf(dc);
        var requested = activity.IsType(ActivityTypes.Message) ? LanguageRequest.Find(activity.Text) : null;
        var chosen = requested is not null || kept.Chosen;
        var language = requested
            ?? (kept.Language is { } code && Language.Find(code) is { } stored
                ? (!chosen && Language.Find(activity.Locale) is { } locale ? locale : stored)
                : DefaultLanguage(activity));
        Speak(dc.Turn, language);

        DialogTurnResult result;
        if (requested is not null)
        {
            await dc.Turn.SendActivityAsync(Texts.Say("Sure, let's continue in English."), cancellationToken);
            if (dc.ActiveDialog is null)
            {
                result = await dc.BeginDialogAsync(nameof(AdvisorDialog), null, cancellationToken);
            }
            else
            {
                await dc.RepromptDialogAsync(cancellationToken);
                result = DialogTurnResult.EndOfTurn;
            }
        }
        else
        {
            result = await next(dc, cancellationToken);
        }
        AdvisorSession.KeepLanguage(dc, language.Code, chosen);
        return result;
    }

    private Language DefaultLanguage(Activity activity) => Language.Find(activity.Locale) ?? Language.Find(options.Language) ?? Language.English;

    /// <summary>The turn speaks <paramref name="language"/> from here on: what is put together and what is sent.</summary>
    private static void Speak(TurnContext turn, Language language)
    {
        Language.Current = language;
        turn.State.Set(language);
    }

    /// <summary>Once per team or group chat, even if Teams repeats the event or several instances see it.</summary>
    private async Task IntroduceToGroupAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var key = $"{turn.Activity.ChannelId}/conversations/{turn.Activity.Conversation!.Id}/introduced";
        try
        {
            await storage.WriteAsync(key, "{}", expectedETag: null, cancellationToken);
        }
        catch (ETagConflictException)
        {
            return;
        }
        await turn.SendActivityAsync(AdvisorMessages.GroupIntroduction(options), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring activity of type {ActivityType} (name {ActivityName})")]
    private static partial void LogIgnored(ILogger logger, string? activityType, string? activityName);
}
