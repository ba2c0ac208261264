namespace PartnerBot.Hosting;

/// <summary>
/// Section <c>RateLimits</c>: requests per minute from one client address to the embedded Direct Line and the page's
/// token endpoint. The defaults are far above what a visitor's browser sends (one token per page load and one
/// refresh every 15 minutes, a message every few seconds, a poll a second), with room for an office behind one address.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary><c>POST /api/directline/token</c>, <c>tokens/generate</c> and <c>tokens/refresh</c>.</summary>
    public int TokenPerMinute { get; set; } = 30;

    /// <summary><c>POST /v3/directline/conversations</c>.</summary>
    public int ConversationStartPerMinute { get; set; } = 30;

    /// <summary><c>POST …/activities</c> (each conversation is also held to <c>DirectLine:PostsPerSecond</c>).</summary>
    public int PostPerMinute { get; set; } = 120;

    /// <summary><c>GET …/activities</c> (polling, once a second per visitor), <c>GET /conversations/{id}</c> (reconnect) and stream connects.</summary>
    public int ReadPerMinute { get; set; } = 1200;
}
