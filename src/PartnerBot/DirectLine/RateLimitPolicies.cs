namespace PartnerBot.DirectLine;

/// <summary>
/// The per-client-address rate-limit policies the Direct Line endpoints ask for; their limits and how a client
/// is identified are set by the host (section <c>RateLimits</c>).
/// </summary>
public static class RateLimitPolicies
{
    public const string Token = "client-token";
    public const string ConversationStart = "client-conversation-start";
    public const string Post = "client-post";
    public const string Read = "client-read";
}
