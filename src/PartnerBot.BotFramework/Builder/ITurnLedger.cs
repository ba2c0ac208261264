namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// What each inbound activity's turn did, per conversation: its replies (an outbox: which of them reached the
/// channel) and the HTTP body answered. A channel's retry of the same activity is answered from here instead of
/// running the turn again, and replies that could not be delivered the first time are sent then.
/// </summary>
public interface ITurnLedger
{
    /// <summary>The recorded turn for the activity, or null when no turn for it has been committed.</summary>
    Task<TurnRecord?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the turn record (replacing an earlier one for the same activity) and, when
    /// <see cref="TurnCommit.State"/> is given, the dialog state, as one atomic unit: both or neither.
    /// Returns the state's new ETag (null when no state was written).
    /// </summary>
    /// <remarks>The writes in <see cref="TurnCommit.With"/> are all done when this returns: in the same transaction
    /// where the store allows it, otherwise before the turn record.</remarks>
    /// <exception cref="Storage.ETagConflictException">The state was written by someone else first; nothing was written.</exception>
    Task<string?> CommitAsync(TurnCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Raises the committed turn's count of replies that reached the channel to <paramref name="delivered"/> (never
    /// lowers it), so that a retry after a crash in the middle of a turn's sends delivers only the rest.
    /// </summary>
    Task RecordDeliveredAsync(string conversationId, string activityId, int delivered, CancellationToken cancellationToken);

    /// <summary>
    /// How a channel's retry is told from a new activity: null when the adapter reads <see cref="FindAsync"/> before
    /// the turn; otherwise the turn's first write answers it (see <see cref="IDeferredDuplicateCheck"/>). A ledger that
    /// decorates another passes on the other's.
    /// </summary>
    IDeferredDuplicateCheck? DeferredDuplicateCheck { get; }
}
