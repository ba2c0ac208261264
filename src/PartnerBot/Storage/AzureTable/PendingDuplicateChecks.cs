using System.Collections.Concurrent;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The activities whose "seen before?" the turn ledger left to the turn's first write (see
/// <see cref="BotFramework.Builder.IDeferredDuplicateCheck"/>): on Table storage that write is the inbound transcript
/// row with its create-only retry marker, so the marker's insert answers the question for free. Taken once, by
/// whichever answers first: the transcript store, or the ledger's read.
/// </summary>
public sealed class PendingDuplicateChecks
{
    /// <summary>Bounds the set should turns end without <see cref="Forget"/> (they always call it; this is a guard).</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(string Conversation, string Activity), byte> _pending = new();

    public void Add(string conversationId, string activityId)
    {
        if (_pending.Count >= MaxEntries) _pending.Clear();
        _pending[(conversationId, activityId)] = 0;
    }

    /// <summary>True (once) when the activity's check is still open; the caller then answers it.</summary>
    public bool TryTake(string conversationId, string activityId) => _pending.TryRemove((conversationId, activityId), out _);

    public void Forget(string conversationId, string activityId) => _pending.TryRemove((conversationId, activityId), out _);
}
