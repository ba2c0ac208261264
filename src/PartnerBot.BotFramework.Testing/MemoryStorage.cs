using PartnerBot.BotFramework.Storage;

namespace PartnerBot.BotFramework.Testing;

/// <summary>
/// Dialog state in memory, with the same ETag rules as the real stores: a write with no ETag creates only, a write
/// with an ETag must match the stored one, and "*" overwrites. For tests and samples; nothing survives the process.
/// </summary>
public sealed class MemoryStorage : IStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoreItem> _items = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys
    {
        get
        {
            lock (_gate) return _items.Keys.ToList();
        }
    }

    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_items.GetValueOrDefault(key));
    }

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) =>
        Task.FromResult(Write(key, json, expectedETag));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate) _items.Remove(key);
        return Task.CompletedTask;
    }

    /// <summary>The write itself, also for <see cref="MemoryTurnLedger"/>'s commit.</summary>
    internal string Write(string key, string json, string? expectedETag)
    {
        lock (_gate)
        {
            var exists = _items.TryGetValue(key, out var stored);
            var allowed = expectedETag switch
            {
                null => !exists,
                "*" => true,
                _ => exists && stored!.ETag == expectedETag,
            };
            if (!allowed) throw new ETagConflictException(key);
            var etag = Guid.NewGuid().ToString("N");
            _items[key] = new StoreItem(json, etag);
            return etag;
        }
    }
}
