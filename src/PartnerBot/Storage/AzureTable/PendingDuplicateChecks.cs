using System.Collections.Concurrent;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The activities whose "seen before?" the turn ledger left to the turn's first write (see
/// <see cref="BotFramework.Builder.IDeferredDuplicateCheck"/>): on Table storage that write is the inbound transcript
/// row with its create-only retry marker, so the marker's insert answers the question for free. Taken once, by
/// whichever answers first: the transcript store, or the ledger's read. Never trimmed: an entry dropped early
/// would let a retry run as a new turn, and every turn removes its own entry when it ends.
/// </summary>
public sealed class PendingDuplicateChecks
{
    private readonly ConcurrentDictionary<(string Conversation, string Activity), byte> _pending = new();

    public int Count => _pending.Count;

    public void Add(string conversationId, string activityId) => _pending[(conversationId, activityId)] = 0;

    /// <summary>True (once) when the activity's check is still open; the caller then answers it.</summary>
    public bool TryTake(string conversationId, string activityId) => _pending.TryRemove((conversationId, activityId), out _);

    public void Forget(string conversationId, string activityId) => _pending.TryRemove((conversationId, activityId), out _);
}
