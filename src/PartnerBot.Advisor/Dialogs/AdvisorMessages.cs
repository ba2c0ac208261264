namespace PartnerBot.Advisor.Dialogs;

/// <summary>What the advisor says around the questions (the questions themselves are in AssessmentQuestions).</summary>
public static class AdvisorMessages
{
    public static string Welcome(AdvisorOptions options) =>
        $"Hi, I'm {options.BotName}, the development-partner advisor of {options.PartnerName}. " +
        "I'll ask about 10 quick questions on your device, your regulatory plans and your team (about 3 minutes), " +
        "then suggest whether a development partner (CDMO), a manufacturing partner (CMO) or a mix fits you best, where to start and what to watch out for.";

    public static string ConsentQuestion(AdvisorOptions options) =>
        $"May we keep this conversation so that our team can follow up with you? Privacy notice: {options.PrivacyUrl}";

    public static string ConsentHelp(AdvisorOptions options) =>
        "If you say yes, we store this conversation and your answers so an expert can review them and follow up. " +
        $"If you say no, you still get the full advice, and we keep nothing that identifies you. Details: {options.PrivacyUrl}";

    public const string ConsentGiven = "Thank you. Let's begin.";

    public const string ConsentDeclined = "No problem: you'll still get the full advice, and I won't keep anything that identifies you. Let's begin.";

    public const string AssessmentComplete = "Thanks, that's everything I need. Here is what I noted:";
}
