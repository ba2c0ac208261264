using PartnerBot.BotFramework.Cards;

namespace PartnerBot.Handoff;

/// <summary>What the bot says to each side when a live chat changes hands (the advisor's own words are in LiveChatMessages).</summary>
public static class LiveChatNotices
{
    public static string Joined(string colleague) => $"{colleague} from our team has joined the chat.";

    public static string EndedByColleague(string colleague) => $"{colleague} has ended the chat. Thank you for talking with us.";

    public static string Idle(double minutes) => $"This chat has ended because nobody wrote for {Minutes(minutes)}.";

    public const string NobodyCame =
        "I'm sorry: nobody from our team could join in time. Reply to this message to leave your details, and an expert will contact you within one business day. Or say \"no thanks\".";

    public const string NotDeliveredToProspect = "That message did not reach the prospect. Please send it again.";

    public static string JoinedForThread(string colleague, string prospect) =>
        $"{MarkdownText.Escape(colleague, atLineStart: false)} joined. Replies in this thread go to {MarkdownText.Escape(prospect, atLineStart: false)}; press End chat on the card, or write \"end chat\", to finish.";

    public static string EndedForThread(string who) => $"{MarkdownText.Escape(who, atLineStart: false)} ended the chat.";

    public static string Minutes(double minutes) => minutes == 1 ? "a minute" : $"{minutes:0.#} minutes";
}
