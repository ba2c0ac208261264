using PartnerBot.Advisor.Booking;
using PartnerBot.Advisor.Contact;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>Every dialog and prompt of the advisor, as the app runs them (the host and the tests build the same set).</summary>
public static class AdvisorDialogs
{
    /// <param name="desk">Who a prospect asking for a person is handed to; <see cref="ILiveChatDesk.None"/> when nobody is.</param>
    /// <param name="calendar">Where a prospect books a call; <see cref="IMeetingCalendar.None"/> when nowhere.</param>
    public static DialogSet Create(CardLibrary cards, AdvisorOptions advisor, TimeProvider clock, ILiveChatDesk? desk = null, IMeetingCalendar? calendar = null) => new DialogSet()
        .Add(new AdvisorDialog(cards, advisor.Partner, calendar))
        .Add(new AssessmentDialog(advisor, cards))
        .Add(new ChangeAnswerDialog())
        .Add(new ContactDialog())
        .Add(new LiveChatDialog(desk ?? ILiveChatDesk.None, cards, clock, calendar))
        .Add(new BookingDialog(calendar ?? IMeetingCalendar.None, cards, clock))
        .Add(new SlotPrompt(BookingDialog.SlotPromptId, cards, clock))
        .Add(new AnswerPrompt(AssessmentQuestions.All, cards, clock))
        .Add(new ChoicePrompt(AdvisorDialogIds.Choice, cards))
        // Still on the stack of conversations begun before typed answers were read by meaning.
        .Add(new MultiChoicePrompt(AdvisorDialogIds.MultiChoice, cards))
        .Add(new RetiredDialog("AskSlotDialog"))
        .Add(new ConfirmPrompt(AdvisorDialogIds.Confirm, cards))
        .Add(new ContactFormPrompt(AdvisorDialogIds.ContactForm, cards, clock));
}
