using PartnerBot.BotFramework.Cards;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>What the advisor says around the questions (the questions themselves are in AssessmentQuestions).</summary>
public static class AdvisorMessages
{
    public static string Welcome(AdvisorOptions options) =>
        $"Hi, I'm {options.BotName}, the development-partner advisor of {options.PartnerName}. " +
        "I'll ask a dozen or so quick questions on your device, your regulatory plans and your team (about 3 minutes), " +
        "then suggest whether a development partner (CDMO), a manufacturing partner (CMO) or a mix fits you best, where to start and what to watch out for.";

    public static string ConsentQuestion(AdvisorOptions options) =>
        $"May we keep this conversation so that our team can follow up with you? Privacy notice: {options.PrivacyUrl}";

    public static string ConsentHelp(AdvisorOptions options) =>
        "If you say yes, we store this conversation and your answers so an expert can review them and follow up. " +
        $"If you say no, you still get the full advice, and we keep nothing that identifies you. Details: {options.PrivacyUrl}";

    public const string ConsentGiven = "Thank you. Let's begin.";

    public const string ConsentDeclined = "No problem: you'll still get the full advice, and I won't keep anything that identifies you. Let's begin.";

    public const string AssessmentComplete = "Thanks, that's everything I need. Let me put it together.";

    public const string ContactConsentQuestion =
        "Earlier you chose not to have this conversation kept. To connect you with an expert we need to store your contact details and this conversation. Is that OK?";

    public const string ContactConsentHelp =
        "Your details are used only to follow up on this request. If you say no, nothing about you is stored and you can keep using the advice.";

    public const string ContactDeclined = "Understood, nothing has been stored. The recommendation above is yours to keep.";

    public const string ContactFormDeclined = "No problem. You can ask to talk to an expert whenever you like.";

    public const string ContactFormIntro = "Happy to connect you with one of our engineers. Please fill in the form.";

    public const string ContactFormHelp =
        "Name, work e-mail and company are needed so an expert can reach you; phone and message are optional. Press \"Send\" when you're done.";

    public static string ContactConfirmation(Contact.ContactDetails contact) =>
        // The prospect's own words, shown as written wherever the message is rendered as markdown.
        $"Thank you, {MarkdownText.Escape(contact.Name, atLineStart: false)}. An expert will contact you at {MarkdownText.Escape(contact.Email, atLineStart: false)} within one business day" +
        (contact.PreferredContactTime is "morning" or "afternoon" ? $", in the {contact.PreferredContactTime} if possible" : string.Empty) +
        ". Until then, you can change an answer to see how the recommendation shifts.";

    public static string GroupIntroduction(AdvisorOptions options) =>
        $"Hello everyone, I'm {options.BotName}, the development-partner advisor of {options.PartnerName}. " +
        $"Mention me (@{options.BotName}) to start your own short assessment; each person gets their own questions and recommendation.";

    public const string QuestionForAnExpert =
        "That's a question one of our experts can answer better than I can. I've noted it for them; you can ask to talk to an expert once we're through the questions.";

    public const string CardActionNotice = "Got it; let's continue in the conversation below.";
}
