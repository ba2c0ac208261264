namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// Remembers which inbound activity ids have been processed per conversation, so a channel's retry of the
/// same activity is answered without running the turn again.
/// </summary>
public interface ITurnLedger
{
    /// <summary>Claims the activity for processing. A claim older than <paramref name="lease"/> that never completed is taken over.</summary>
    Task<TurnClaim> TryClaimAsync(string conversationId, string activityId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks the activity processed and stores the HTTP body answered for it (if any) for retries.</summary>
    Task CompleteAsync(string conversationId, string activityId, string? responseBody, CancellationToken cancellationToken);
}
