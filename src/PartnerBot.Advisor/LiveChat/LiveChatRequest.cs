using System.Text.RegularExpressions;
using PartnerBot.Advisor.Languages;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.LiveChat;

/// <summary>
/// Recognizes a prospect asking for a person in their own words ("can I talk to someone now?", "human please",
/// "I'd like to speak with an engineer"), at any point. Only a message that is the request as a whole counts: an answer
/// that mentions a person ("one person does our regulatory work") is an answer.
/// </summary>
public static partial class LiveChatRequest
{
    /// <summary>Longer messages are descriptions or questions, never just a request for a person.</summary>
    private const int MaxLength = 70;

    public static bool IsRequest(string? text)
    {
        var normalized = Words(text);
        return normalized.Length is > 0 and <= MaxLength
            && (Request().IsMatch(normalized) || LanguagePhrases.Says("LiveChatRequest.Request", text, LanguagePhrases.Where.Whole));
    }

    /// <summary>"end chat", "stop the chat", "bye", said while chatting with a colleague.</summary>
    public static bool IsEnd(string? text) => End().IsMatch(Words(text)) || LanguagePhrases.Says("LiveChatRequest.End", text, LanguagePhrases.Where.Whole);

    /// <summary>Lower-case words separated by single spaces (the recognizer keeps commas, which only separate words here).</summary>
    private static string Words(string? text) => Separators().Replace(ChoiceRecognizer.Normalize(text), " ").Trim();

    // Someone to talk to: a person in general, or one of the partner's people.
    private const string Person =
        @"(?:a |an |some |one of your |your |the |real |live |actual )*(?:human(?: being)?|person|people|someone|somebody|anyone|anybody|agent|operator|representative|rep|colleague|engineer|expert|specialist|consultant|sales(?: team| person| rep)?|salesperson|team|staff|member of (?:your |the )?(?:team|staff))s?";

    // Said alone, only the words that cannot be an answer to one of the questions ("engineer" or "our team" can).
    private const string Alone = @"(?:a |an |some |real |live |actual )*(?:human(?: being)?|person|someone|somebody|agent|operator|representative)";

    [GeneratedRegex(
        @"^(?:(?:hi|hello|hey|ok|okay|please|so)\s)*" +
        @"(?:" +
            // "can I talk to someone", "could we speak with a person now", "I want to chat with an engineer"
            @"(?:(?:can|could|may) (?:i|we) (?:please )?|i (?:want|need|would like|d like) to |i d rather |let me |we (?:want|need|would like|d like) to |is it possible to |i wish to )?(?:talk|speak|chat) (?:to|with) " + Person +
            @"|(?:connect|put|transfer|pass) me (?:through )?(?:to|with) " + Person +
            @"|(?:is there|are there|do you have|have you got) " + Person + @"(?: (?:i|we) can (?:talk|speak|chat) (?:to|with))?(?: (?:there|around|available|online))?" +
            @"|(?:i want|i need|i d like|give me|get me) " + Person +
            @"|" + Alone +
            @"|live (?:chat|help|support)" +
        @")" +
        @"(?: (?:now|please|right now|asap|instead|today|here|thanks|thank you))*$")]
    private static partial Regex Request();

    [GeneratedRegex(@"[,;\s]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:please )?(?:(?:end|stop|close|finish|leave|quit|exit) (?:the |this )?(?:live )?chat|end the conversation|i m done|that s all|bye|goodbye)(?: now| please| thanks| thank you)*$")]
    private static partial Regex End();
}
