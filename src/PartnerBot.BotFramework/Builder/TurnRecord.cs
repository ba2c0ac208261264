namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// A committed turn: its replies in order (activity JSON), how many of them reached the channel, and the HTTP
/// status and body answered for it.
/// </summary>
public sealed record TurnRecord(IReadOnlyList<string> Replies, int Delivered, int StatusCode, string? ResponseBody)
{
    public bool FullyDelivered => Delivered >= Replies.Count;
}
