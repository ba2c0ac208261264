using System.Text.RegularExpressions;
using PartnerBot.Advisor.Languages;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Booking;

/// <summary>
/// Recognizes a prospect asking, in their own words and at any point, to book a call ("can I book a meeting?",
/// "schedule a call please") or to cancel the one they booked ("cancel my meeting"). Only a short message that is the
/// request as a whole counts; an answer that mentions meetings is an answer.
/// </summary>
public static partial class MeetingRequest
{
    private const int MaxLength = 70;

    /// <summary>The card button's and Teams action's value.</summary>
    public const string CancelCommand = "cancelMeeting";

    public static bool IsBooking(string? text) => Matches(text, Booking()) || Short(text) && LanguagePhrases.Says("MeetingRequest.Booking", text, LanguagePhrases.Where.Whole);

    public static bool IsCancel(string? text) => Matches(text, Cancel()) || Short(text) && LanguagePhrases.Says("MeetingRequest.Cancel", text, LanguagePhrases.Where.Whole);

    private static bool Short(string? text) => text is { Length: > 0 and <= MaxLength };

    private static bool Matches(string? text, Regex pattern)
    {
        var words = Separators().Replace(ChoiceRecognizer.Normalize(text), " ").Trim();
        return words.Length is > 0 and <= MaxLength && pattern.IsMatch(words);
    }

    private const string Meeting = @"(?:a |an |the |my |our |some )?(?:meeting|call|video call|teams call|teams meeting|appointment|slot|time|demo|consultation)";

    [GeneratedRegex(
        @"^(?:(?:hi|hello|ok|okay|please|so|yes)\s)*" +
        @"(?:(?:can|could|may) (?:i|we) (?:please )?|i (?:want|would like|d like) to |we (?:want|would like|d like) to |i d love to |let me |is it possible to |how do i |how can i )?" +
        @"(?:book|schedule|arrange|set up|setup|plan|reserve|pick|choose|find) " + Meeting + @"(?: with (?:an |one of your |your |the )?(?:expert|engineer|team|sales|someone)s?)?" +
        @"(?: (?:now|please|today|thanks|thank you))*$")]
    private static partial Regex Booking();

    [GeneratedRegex(
        @"^(?:(?:hi|hello|ok|okay|please|sorry|so)\s)*(?:(?:can|could) (?:i|we|you) (?:please )?|i (?:want|need|would like|d like) to |please )?" +
        @"(?:cancel|call off|drop|delete) " + Meeting + @"(?: (?:i|we) booked)?(?: (?:please|thanks|thank you))*$" +
        "|^" + CancelCommandLower + "$")]
    private static partial Regex Cancel();

    private const string CancelCommandLower = "cancelmeeting";

    [GeneratedRegex(@"[,;\s]+")]
    private static partial Regex Separators();
}
