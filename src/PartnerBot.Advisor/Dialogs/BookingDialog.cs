using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Booking;
using PartnerBot.Advisor.Contact;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// A prospect picks a time for a call with an expert. With a calendar, the dialog makes sure it has their name and
/// e-mail (the invitation goes there), offers the next free times in the prospect's time zone and a "later" choice,
/// books the one they pick (a time taken meanwhile is refused and fresh times are offered) and confirms it with the
/// Teams link. Without a calendar it offers the booking page; with neither, an expert will agree a time by e-mail.
/// Begun with <see cref="Options.Cancel"/>, it cancels the booked call after asking. The meeting is kept in the
/// session, where the sales record picks it up. Ends with null.
/// </summary>
public sealed class BookingDialog(IMeetingCalendar calendar, CardLibrary cards, TimeProvider clock) : Dialog(nameof(BookingDialog))
{
    /// <summary>How often fresh times are offered after a time was taken, before handing over to e-mail.</summary>
    public const int MaxOffers = 3;

    public const string SlotPromptId = "slotPrompt";

    public sealed class Options
    {
        public bool Cancel { get; set; }
    }

    public enum Stage
    {
        Contact,
        Pick,
        ConfirmCancel,
    }

    public sealed class Progress
    {
        public Stage Stage { get; set; }
        public int Offers { get; set; }
        public List<MeetingSlot> Slots { get; set; } = [];
        public string Zone { get; set; } = "UTC";
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var session = AdvisorSession.SessionOf(dc);
        var meeting = session?.Meeting is { } booked && booked.IsUpcoming(clock.GetUtcNow()) ? booked : null;
        if (options is Options { Cancel: true })
        {
            if (meeting is null)
            {
                await dc.Turn.SendActivityAsync(MeetingMessages.NothingToCancel, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            }
            State(dc).Stage = Stage.ConfirmCancel;
            return await dc.BeginDialogAsync(AdvisorDialogIds.Confirm, new PromptOptions
            {
                Prompt = Activity.CreateMessage(MeetingMessages.CancelQuestion(meeting)),
                Choices = YesNo.Choices("Yes, cancel it", "No, keep it"),
            }, cancellationToken);
        }
        if (meeting is not null)
        {
            await dc.Turn.SendActivityAsync(MeetingMessages.AlreadyBooked(meeting), cancellationToken);
            return await dc.EndDialogAsync(null, cancellationToken);
        }
        if (!calendar.HasCalendar)
        {
            if (calendar.BookingLink is { } link) await SendLinkAsync(dc, MeetingMessages.LinkIntro, link, cancellationToken);
            else await dc.Turn.SendActivityAsync(MeetingMessages.NoCalendar, cancellationToken);
            // Without a calendar to book in, an expert still needs a way to reach them.
            return session is { Contact: null } && calendar.BookingLink is null ? await AskDetailsAsync(dc, cancellationToken) : await dc.EndDialogAsync(null, cancellationToken);
        }
        if (session is { Contact: null })
        {
            await dc.Turn.SendActivityAsync(MeetingMessages.NeedDetails, cancellationToken);
            return await AskDetailsAsync(dc, cancellationToken);
        }
        return await OfferAsync(dc, null, cancellationToken);
    }

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, object? result, CancellationToken cancellationToken)
    {
        var progress = State(dc);
        switch (progress.Stage)
        {
            case Stage.Contact when result is ContactDetails contact:
                AdvisorSession.KeepContact(dc, contact);
                if (!calendar.HasCalendar)
                {
                    await dc.Turn.SendActivityAsync(AdvisorMessages.ContactConfirmation(contact), cancellationToken);
                    return await dc.EndDialogAsync(null, cancellationToken);
                }
                return await OfferAsync(dc, MeetingMessages.Thanks(contact.Name), cancellationToken);
            case Stage.Pick when result is FoundChoice { Value: MeetingMessages.Later }:
                await dc.Turn.SendActivityAsync(MeetingMessages.LaterAnswer, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            case Stage.Pick when result is FoundChoice { Index: var index } && index < progress.Slots.Count:
                return await BookAsync(dc, progress.Slots[index], cancellationToken);
            case Stage.ConfirmCancel when result is true:
                return await CancelAsync(dc, cancellationToken);
            case Stage.ConfirmCancel:
                await dc.Turn.SendActivityAsync(MeetingMessages.KeptMeeting, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            default:
                return await dc.EndDialogAsync(null, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> OfferAsync(DialogContext dc, string? lead, CancellationToken cancellationToken)
    {
        var progress = State(dc);
        var availability = await calendar.FindSlotsAsync(dc.Turn, cancellationToken);
        if (!availability.Reachable || availability.Slots.Count == 0)
        {
            await ByEmailAsync(dc, availability.Reachable ? MeetingMessages.Full : MeetingMessages.Unreachable, cancellationToken);
            return await dc.EndDialogAsync(null, cancellationToken);
        }
        var zone = MeetingTimes.ProspectZone(dc.Turn.Activity, availability.Zone);
        progress.Stage = Stage.Pick;
        progress.Offers++;
        progress.Slots = [.. availability.Slots];
        progress.Zone = zone.Id;
        var choices = availability.Slots.Select(s => SlotPrompt.ChoiceFor(s, zone)).Append(SlotPrompt.LaterChoice).ToList();
        return await dc.BeginDialogAsync(SlotPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage((lead is null ? string.Empty : lead + " ") + MeetingMessages.PickATime(zone)),
            RetryPrompt = Activity.CreateMessage("Which time suits you?"),
            Choices = choices,
            Help = MeetingMessages.PickHelp,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> BookAsync(DialogContext dc, MeetingSlot slot, CancellationToken cancellationToken)
    {
        var progress = State(dc);
        var session = AdvisorSession.SessionOf(dc);
        if (session?.Contact is not { } contact) return await dc.EndDialogAsync(null, cancellationToken);
        var result = await calendar.BookAsync(dc.Turn, slot, contact, cancellationToken);
        switch (result)
        {
            case { Status: BookingStatus.Booked, Meeting: { } meeting }:
                var zone = MeetingTimes.Zone(progress.Zone);
                session.Meeting = meeting with { TimeZone = progress.Zone };
                AdvisorTurn.Of(dc.Turn).Session = session;
                var text = MeetingMessages.Booked(meeting, zone, contact.Email);
                var confirmation = Activity.CreateMessage(text);
                confirmation.Attachments = [cards.RenderAttachment(MeetingCardData.CardName, new MeetingCardData(
                    "Your call is booked", text, meeting.JoinUrl, null, MeetingMessages.LinkButton, CanCancel: true))];
                // The card carries the words; the summary is what notifications and text-only clients show.
                confirmation.Summary = text;
                confirmation.Text = null;
                await dc.Turn.SendActivityAsync(confirmation, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            case { Status: BookingStatus.Taken } when progress.Offers < MaxOffers:
                return await OfferAsync(dc, MeetingMessages.Taken, cancellationToken);
            case { Status: BookingStatus.Taken }:
                await ByEmailAsync(dc, MeetingMessages.TakenAgain, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            default:
                await ByEmailAsync(dc, MeetingMessages.Unreachable, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> CancelAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var session = AdvisorSession.SessionOf(dc);
        if (session?.Meeting is not { } meeting) return await dc.EndDialogAsync(null, cancellationToken);
        if (!await calendar.CancelAsync(dc.Turn, meeting, cancellationToken))
        {
            await dc.Turn.SendActivityAsync(MeetingMessages.CancelFailed, cancellationToken);
            return await dc.EndDialogAsync(null, cancellationToken);
        }
        session.Meeting = meeting with { CancelledAt = clock.GetUtcNow() };
        AdvisorTurn.Of(dc.Turn).Session = session;
        await dc.Turn.SendActivityAsync(MeetingMessages.Cancelled, cancellationToken);
        return await dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>No time picked in the chat: an expert follows up by e-mail, and the booking page is there if configured.</summary>
    private async Task ByEmailAsync(DialogContext dc, string why, CancellationToken cancellationToken)
    {
        if (calendar.BookingLink is { } link) await SendLinkAsync(dc, why + " " + MeetingMessages.LinkIntro, link, cancellationToken);
        else await dc.Turn.SendActivityAsync(why, cancellationToken);
    }

    private async Task SendLinkAsync(DialogContext dc, string text, Uri link, CancellationToken cancellationToken)
    {
        var message = Activity.CreateMessage(text);
        message.Attachments = [cards.RenderAttachment(MeetingCardData.CardName, new MeetingCardData(
            "Book a call", text, null, link.AbsoluteUri, MeetingMessages.LinkButton, CanCancel: false))];
        message.Summary = text;
        message.Text = null;
        await dc.Turn.SendActivityAsync(message, cancellationToken);
    }

    private Task<DialogTurnResult> AskDetailsAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        State(dc).Stage = Stage.Contact;
        return dc.BeginDialogAsync(nameof(ContactDialog),
            new ContactDialog.Progress { ConsentConfirmed = AdvisorSession.AssessmentOf(dc)?.ConsentGiven == true }, cancellationToken);
    }

    private static Progress State(DialogContext dc) => dc.ActiveDialog!.GetState<Progress>();
}
