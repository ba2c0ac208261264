using PartnerBot.BotFramework.Schema;

namespace PartnerBot.DirectLine;

/// <summary>
/// The embedded Direct Line conversations and their recent activities, numbered by watermark, so a client can
/// poll, reconnect and reload the page without losing messages. Bounded per conversation.
/// </summary>
public interface IDirectLineLog
{
    /// <summary>Creates the conversation for its user; false when it already existed.</summary>
    Task<bool> CreateConversationAsync(string conversationId, string userId, CancellationToken cancellationToken);

    Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Appends the activity, setting its id from the new watermark, which is returned.</summary>
    Task<long> AppendAsync(string conversationId, Activity activity, int keep, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites every stored activity of the conversation with <paramref name="redact"/> and replaces its user id
    /// with <paramref name="hashUserId"/>'s (the prospect declined consent). A conversation it does not hold is left alone.
    /// </summary>
    Task RedactAsync(string conversationId, Func<Activity, Activity> redact, Func<string, string> hashUserId, CancellationToken cancellationToken);

    /// <summary>Activities after <paramref name="afterWatermark"/> (all when null), oldest first, and the latest watermark.</summary>
    Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long? afterWatermark, CancellationToken cancellationToken);
}
