namespace PartnerBot.Advisor.LiveChat;

/// <summary>What the advisor says around a live chat with a colleague (the host's own notices are in its desk).</summary>
public static class LiveChatMessages
{
    public const string ConsentQuestion =
        "To chat live, a colleague reads your messages in our team's Microsoft Teams, and we keep this conversation so they can follow up. Is that OK?";

    public const string ConsentHelp =
        "If you say yes, your messages and answers are shown to our team and stored with this conversation. If you say no, nothing that identifies you is stored and you keep the advice.";

    public const string ConsentDeclined = "Understood: no live chat, and nothing that identifies you is stored. Let's carry on.";

    public static string Asking(TimeSpan wait) =>
        $"I'm asking our team to join this chat; someone usually joins within {Minutes(wait)}. Anything you write now is passed on to them. Say \"end chat\" to stop waiting.";

    public const string DetailsInvite =
        "While you wait, you can leave your name and e-mail in this form, so we can follow up if the chat drops. It's optional: you can also just keep typing.";

    public static string DetailsAdded(string name) => $"Thanks, {BotFramework.Cards.MarkdownText.Escape(name, atLineStart: false)}: our colleague can see your details now.";

    public const string NotDelivered = "Sorry, that message did not reach our team. Please send it again.";

    public const string EndedByYou = "You've ended the chat. Thank you for talking with us.";

    public const string BackAfterRecommendation = "I'm here again: you can change an answer, start over, or ask to talk to an expert again.";

    public const string BackDuringAssessment = "I'm here again; let's carry on where we were.";

    public const string NoThanks = "Of course. Your recommendation stays here, and you can ask for an expert whenever you like.";

    public static string Minutes(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? "a minute" : $"{minutes} minutes";
    }
}
