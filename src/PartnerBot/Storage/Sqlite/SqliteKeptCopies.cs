using System.Collections.Concurrent;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// What this process last committed for a key, kept for a short while so that a conversation's next turn does not read
/// back what its previous turn just wrote. Memory is bounded: past <see cref="MaxKept"/> keys, the copies past their
/// time go first, and if the conversations are really that many, all go. A copy is a hint, never the truth: each user
/// checks it against the row (an ETag, a version) before relying on it.
/// </summary>
internal sealed class SqliteKeptCopies<TValue>(TimeProvider clock) where TValue : class
{
    internal const int MaxKept = 1_000;
    private const int CountEvery = 64;
    internal static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (TValue Value, long At)> _kept = new(StringComparer.Ordinal);
    private long _keeps;

    public bool TryGet(string key, out TValue value)
    {
        if (_kept.TryGetValue(key, out var kept) && clock.GetElapsedTime(kept.At) < KeptFor)
        {
            value = kept.Value;
            return true;
        }
        value = null!;
        return false;
    }

    public void Keep(string key, TValue value)
    {
        // Counting takes every lock of the dictionary, so it is looked at only once in a while.
        if (Interlocked.Increment(ref _keeps) % CountEvery == 0 && _kept.Count >= MaxKept)
        {
            foreach (var (stale, kept) in _kept)
            {
                if (clock.GetElapsedTime(kept.At) >= KeptFor) _kept.TryRemove(stale, out _);
            }
            if (_kept.Count >= MaxKept) _kept.Clear();
        }
        _kept[key] = (value, clock.GetTimestamp());
    }

    public void Forget(string key) => _kept.TryRemove(key, out _);

    /// <summary>Forgets <paramref name="key"/> only while it still holds <paramref name="value"/> (a newer copy stays).</summary>
    public void Forget(string key, TValue value)
    {
        if (_kept.TryGetValue(key, out var kept) && ReferenceEquals(kept.Value, value)) _kept.TryRemove(new KeyValuePair<string, (TValue, long)>(key, kept));
    }
}
