using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Booking;
using PartnerBot.Advisor.Contact;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// A prospect asked for a person. With someone to ask, the dialog checks consent (their words will be read in the
/// team's channel), asks the team through the <see cref="ILiveChatDesk"/>, and then stays on top of the stack while the
/// chat lasts: every message is passed on, nothing is answered by the advisor, and "end chat" ends it. Once the chat has
/// ended (either side, or idle), the next message goes to whatever was under it, as if the chat had not been there. With nobody
/// to ask, or when nobody came, the prospect can leave their details for an expert instead (<see cref="ContactDialog"/>).
/// Ends with null: details given on the way are stored in the session here.
/// </summary>
public sealed class LiveChatDialog(ILiveChatDesk desk, CardLibrary cards, TimeProvider clock, IMeetingCalendar? calendar = null) : Dialog(nameof(LiveChatDialog))
{
    public enum Stage
    {
        Consent,
        Waiting,
        Offline,
        Booking,
    }

    public sealed class Progress
    {
        public Stage Stage { get; set; }
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var offer = await desk.OfferAsync(dc.Turn, cancellationToken);
        if (!offer.Available) return await OfflineAsync(dc, offer.Unavailable, cancellationToken);
        if (AdvisorSession.AssessmentOf(dc) is not { ConsentGiven: true })
        {
            State(dc).Stage = Stage.Consent;
            return await dc.BeginDialogAsync(AdvisorDialogIds.Confirm, new PromptOptions
            {
                Prompt = Activity.CreateMessage(LiveChatMessages.ConsentQuestion),
                Choices = YesNo.Choices("Yes, that's fine", "No, thanks"),
                Help = LiveChatMessages.ConsentHelp,
            }, cancellationToken);
        }
        return await RequestAsync(dc, cancellationToken);
    }

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, object? result, CancellationToken cancellationToken)
    {
        switch (State(dc).Stage)
        {
            case Stage.Consent when result is true:
                if (AdvisorSession.AssessmentOf(dc) is { } assessment)
                {
                    assessment.ConsentGiven = true;
                    AdvisorTurn.Of(dc.Turn).Assessment = assessment;
                }
                return await RequestAsync(dc, cancellationToken);
            case Stage.Consent:
                await dc.Turn.SendActivityAsync(LiveChatMessages.ConsentDeclined, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            case Stage.Offline when result is ContactDetails contact:
                await KeepAsync(dc, contact, cancellationToken);
                if (calendar?.Offered != true) return await dc.EndDialogAsync(null, cancellationToken);
                // Nobody to chat with now: they can pick a time for a call instead.
                State(dc).Stage = Stage.Booking;
                return await dc.BeginDialogAsync(nameof(BookingDialog), null, cancellationToken);
            default:
                return await dc.EndDialogAsync(null, cancellationToken);
        }
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var activity = dc.Turn.Activity;
        // The prospect left: the page's "End chat", or the Teams app removed from their chat.
        var ending = activity.IsType(ActivityTypes.EndOfConversation)
            || (activity.IsType(ActivityTypes.InstallationUpdate) && activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true);
        if (!activity.IsType(ActivityTypes.Message) && !ending) return DialogTurnResult.EndOfTurn;
        switch (await desk.PhaseAsync(dc.Turn, cancellationToken))
        {
            case LiveChatPhase.Waiting or LiveChatPhase.Joined when ending || LiveChatRequest.IsEnd(activity.Text):
                await desk.EndAsync(dc.Turn, cancellationToken);
                // Someone who left reads nothing (a removed Teams app could not even receive it).
                if (ending)
                {
                    dc.State.Stack.RemoveAt(dc.State.Stack.Count - 1);
                    return DialogTurnResult.EndOfTurn;
                }
                await dc.Turn.SendActivityAsync(LiveChatMessages.EndedByYou + " " + Back(dc), cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            case LiveChatPhase.Waiting or LiveChatPhase.Joined when ContactForm.ReadSubmit(CardActionValue.Of(activity)) is { } fields:
                var problems = ContactForm.Validate(fields);
                if (problems.Count > 0)
                {
                    await dc.Turn.SendActivityAsync(Texts.Say("Some details need another look:") + "\n\n- " + string.Join("\n- ", problems.Select(Texts.Say)), cancellationToken);
                    return DialogTurnResult.EndOfTurn;
                }
                var details = ContactForm.ToDetails(fields, clock.GetUtcNow());
                AdvisorSession.KeepContact(dc, details);
                await dc.Turn.SendActivityAsync(LiveChatMessages.DetailsAdded(details.Name), cancellationToken);
                await desk.DetailsChangedAsync(dc.Turn, details.Name, cancellationToken);
                return DialogTurnResult.EndOfTurn;
            case LiveChatPhase.Waiting or LiveChatPhase.Joined:
                if (!await desk.ForwardAsync(dc.Turn, cancellationToken)) await dc.Turn.SendActivityAsync(LiveChatMessages.NotDelivered, cancellationToken);
                return DialogTurnResult.EndOfTurn;
            case LiveChatPhase.NobodyCame when !ending && !IsNoThanks(activity.Text):
                // Told so when the wait ran out; whatever they answer, the form is the way on.
                return await OfflineAsync(dc, null, cancellationToken);
            case LiveChatPhase.NobodyCame:
                await dc.Turn.SendActivityAsync(LiveChatMessages.NoThanks, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            default:
                // Ended by the colleague or the idle timer (both were told), or gone: the advisor takes over again, and
                // this message is the prospect's next word to it, for whatever was waiting under the chat.
                await dc.Turn.SendActivityAsync(Back(dc), cancellationToken);
                dc.State.Stack.RemoveAt(dc.State.Stack.Count - 1);
                return dc.ActiveDialog is null ? DialogTurnResult.EndOfTurn : await dc.ContinueDialogAsync(cancellationToken);
        }
    }

    private async Task<DialogTurnResult> RequestAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var session = AdvisorSession.SessionOf(dc);
        var offer = await desk.RequestAsync(dc.Turn, session?.Contact?.Name, cancellationToken);
        if (!offer.Available) return await OfflineAsync(dc, offer.Unavailable, cancellationToken);
        State(dc).Stage = Stage.Waiting;
        await dc.Turn.SendActivityAsync(LiveChatMessages.Asking(offer.TypicalWait), cancellationToken);
        if (session is { Contact: null })
        {
            var invite = Activity.CreateMessage(LiveChatMessages.DetailsInvite);
            invite.Attachments = [cards.RenderAttachment(ContactForm.CardName, ContactFormCardData.Empty)];
            await dc.Turn.SendActivityAsync(invite, cancellationToken);
        }
        return DialogTurnResult.EndOfTurn;
    }

    /// <summary>Nobody to chat with: the details for an expert (again, when given before: they may have changed).</summary>
    private async Task<DialogTurnResult> OfflineAsync(DialogContext dc, string? why, CancellationToken cancellationToken)
    {
        if (why is not null) await dc.Turn.SendActivityAsync(why, cancellationToken);
        State(dc).Stage = Stage.Offline;
        return await dc.BeginDialogAsync(nameof(ContactDialog),
            new ContactDialog.Progress { ConsentConfirmed = AdvisorSession.AssessmentOf(dc)?.ConsentGiven == true }, cancellationToken);
    }

    private static async Task KeepAsync(DialogContext dc, ContactDetails contact, CancellationToken cancellationToken)
    {
        AdvisorSession.KeepContact(dc, contact);
        await dc.Turn.SendActivityAsync(AdvisorMessages.ContactConfirmation(contact), cancellationToken);
    }


    private static string Back(DialogContext dc) =>
        AdvisorSession.SessionOf(dc)?.Recommendation is null ? LiveChatMessages.BackDuringAssessment : LiveChatMessages.BackAfterRecommendation;

    private static bool IsNoThanks(string? text) =>
        ChoiceRecognizer.RecognizeOne(text, YesNo.Choices()) is { Value: ConfirmPrompt.NoValue };

    private static Progress State(DialogContext dc) => dc.ActiveDialog!.GetState<Progress>();
}
