namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// A turn ledger whose "was this activity seen before?" is answered by the turn's first write (a create-only insert
/// that fails when an earlier turn made it) instead of a read before the turn: every new activity then costs one
/// request less. The adapter calls <see cref="Defer"/> instead of <see cref="ITurnLedger.FindAsync"/>; whoever acts
/// on the turn before that write calls <see cref="TurnContext.EnsureNewActivityAsync"/>, which reads the ledger
/// when no write has answered yet. Either way a duplicate surfaces as <see cref="DuplicateActivityException"/>
/// before anything of the turn is sent or committed.
/// </summary>
public interface IDeferredDuplicateCheck
{
    /// <summary>Marks the activity's check as pending, to be answered by the turn's first write in the conversation.</summary>
    void Defer(string conversationId, string activityId);

    /// <summary>Answers a check no write has answered, by reading the ledger; nothing when it was answered.</summary>
    /// <exception cref="DuplicateActivityException">An earlier turn recorded the activity.</exception>
    Task EnsureNewAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Drops a pending check at the end of a turn that never answered it (it failed first).</summary>
    void Forget(string conversationId, string activityId);
}
