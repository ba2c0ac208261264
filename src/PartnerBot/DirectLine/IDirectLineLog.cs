using PartnerBot.BotFramework.Schema;

namespace PartnerBot.DirectLine;

/// <summary>
/// The embedded Direct Line conversations and their recent activities, numbered by watermark, so a client can
/// poll, reconnect and reload the page without losing messages. Bounded per conversation, in count and in bytes,
/// and read a page at a time, so neither a long nor an abusive conversation costs more than its limits.
/// </summary>
public interface IDirectLineLog
{
    /// <summary>Creates the conversation for its user; false when it already existed.</summary>
    Task<bool> CreateConversationAsync(string conversationId, string userId, CancellationToken cancellationToken);

    Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the activity, setting its id from the new watermark, which is returned. Then drops the oldest
    /// activities until at most <see cref="DirectLineRetention.Activities"/> are kept and their serialized size is
    /// at most <see cref="DirectLineRetention.Bytes"/> (the activity just appended is always kept).
    /// </summary>
    Task<long> AppendAsync(string conversationId, Activity activity, DirectLineRetention keep, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites every stored activity of the conversation with <paramref name="redact"/> and replaces its user id
    /// with <paramref name="hashUserId"/>'s (the prospect declined consent). A conversation it does not hold is left alone.
    /// </summary>
    Task RedactAsync(string conversationId, Func<Activity, Activity> redact, Func<string, string> hashUserId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the activities after <paramref name="afterWatermark"/> (from the oldest kept when null), oldest
    /// first, and the watermark to continue from: the last one returned, or where the conversation is now when
    /// nothing newer is kept. A page holds at most <see cref="DirectLinePage.Activities"/> activities and stops
    /// before exceeding <see cref="DirectLinePage.Bytes"/> (but always holds at least one).
    /// </summary>
    Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long? afterWatermark, DirectLinePage page, CancellationToken cancellationToken);
}
