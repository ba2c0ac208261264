using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Dialog-state rows read together with a conversation record at the start of a turn, kept for a few seconds
/// until the turn's dialog asks for them, and handed out once. Using a copy is safe because every state write
/// carries the ETag it was read with: a copy that went stale fails that check, and the turn reads again.
/// </summary>
public sealed class TurnReadCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (TableEntity? Entity, long ReadAt)> _states = new();

    /// <summary>Remembers the state row of <paramref name="key"/>, or that there is none (null).</summary>
    public void Remember(string key, TableEntity? entity)
    {
        if (_states.Count >= MaxEntries) _states.Clear();
        _states[key] = (entity, Stopwatch.GetTimestamp());
    }

    public bool TryTake(string key, out TableEntity? entity)
    {
        entity = null;
        if (!_states.TryRemove(key, out var read) || Stopwatch.GetElapsedTime(read.ReadAt) > Lifetime) return false;
        entity = read.Entity;
        return true;
    }

    public void Forget(string key) => _states.TryRemove(key, out _);
}
