namespace PartnerBot.BotFramework.Schema;

/// <summary>The HTTP response body of a turn whose activity asked for <c>deliveryMode: expectReplies</c>.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];
}
