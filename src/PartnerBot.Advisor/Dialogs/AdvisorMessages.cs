using PartnerBot.Advisor.Languages;
using PartnerBot.BotFramework.Cards;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// What the advisor says around the questions (the questions themselves are in AssessmentQuestions). Plain texts are
/// translated as they are sent; the ones put together with the partner's details are translated here, whole.
/// </summary>
public static class AdvisorMessages
{
    public static string Welcome(AdvisorOptions options) =>
        Texts.Say("Hi, I'm {botName}, the development-partner advisor of {partnerName}. " +
            "I'll ask a dozen or so quick questions on your device, your regulatory plans and your team (about 3 minutes), " +
            "then suggest whether a development partner (CDMO), a manufacturing partner (CMO) or a mix fits you best, where to start and what to watch out for.",
            ("botName", options.BotName), ("partnerName", PartnerName(options)));

    // The consent question and its help wait in the prompt's state, so they are kept in English and translated as
    // they are sent (from their template): asked again after a switch of language, they come out in the new one.
    public static string ConsentQuestion(AdvisorOptions options) =>
        Language.English.Format("May we keep this conversation so that our team can follow up with you? Privacy notice: {privacyUrl}", ("privacyUrl", options.PrivacyUrl));

    public static string ConsentHelp(AdvisorOptions options) =>
        Language.English.Format("If you say yes, we store this conversation and your answers so an expert can review them and follow up. " +
            "If you say no, you still get the full advice, and we keep nothing that identifies you. Details: {privacyUrl}", ("privacyUrl", options.PrivacyUrl));

    /// <summary>The partner's name as set; the shipped placeholder ("our development team") in the turn's language.</summary>
    private static string PartnerName(AdvisorOptions options) => Language.Current.TranslateComposed(options.PartnerName) ?? options.PartnerName;

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
        Texts.Say(contact.PreferredContactTime switch
            {
                "morning" => "Thank you, {name}. An expert will contact you at {email} within one business day, in the morning if possible. Until then, you can change an answer to see how the recommendation shifts.",
                "afternoon" => "Thank you, {name}. An expert will contact you at {email} within one business day, in the afternoon if possible. Until then, you can change an answer to see how the recommendation shifts.",
                _ => "Thank you, {name}. An expert will contact you at {email} within one business day. Until then, you can change an answer to see how the recommendation shifts.",
            },
            ("name", MarkdownText.Escape(contact.Name, atLineStart: false)), ("email", MarkdownText.Escape(contact.Email, atLineStart: false)));

    public static string GroupIntroduction(AdvisorOptions options) =>
        Texts.Say("Hello everyone, I'm {botName}, the development-partner advisor of {partnerName}. " +
            "Mention me (@{botName}) to start your own short assessment; each person gets their own questions and recommendation.",
            ("botName", options.BotName), ("partnerName", PartnerName(options)));

    public const string QuestionForAnExpert =
        "That's a question one of our experts can answer better than I can. I've noted it for them; you can ask to talk to an expert once we're through the questions.";

    public const string CardActionNotice = "Got it; let's continue in the conversation below.";
}
