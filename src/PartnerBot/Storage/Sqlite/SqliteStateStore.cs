using System.Text;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Dialog state on the embedded store: one row per key, each write with a new ETag that the next must match. What
/// this process last committed for a key is kept for a short while and served to the next read, so a conversation's
/// next turn does not read back what its previous turn just wrote. A kept copy can only be stale when something else
/// changed the row (retention, erasure, another process on the file); the write that follows then finds another
/// ETag (or no row), fails as a conflict, forgets the copy, and the turn runs again on what is stored.
/// </summary>
public sealed class SqliteStateStore(SqliteDatabase database) : IStorage
{
    private readonly SqliteKeptCopies<StoreItem> _committed = new(database.Clock);

    public async Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        if (_committed.TryGet(key, out var kept)) return kept;
        return await database.ReadAsync("state.read", session =>
        {
            using var reader = session.Command("SELECT json, etag FROM state WHERE key = $key", ("$key", key)).ExecuteReader();
            return reader.Read() ? new StoreItem(reader.GetFieldValue<byte[]>(0), reader.GetString(1)) : null;
        }, cancellationToken);
    }

    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
    {
        try
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            var etag = await database.Writes.ExecuteAsync("state.write", write => Write(write, key, utf8, expectedETag), cancellationToken);
            Committed(key, utf8, etag);
            return etag;
        }
        catch
        {
            Forget(key);
            throw;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await database.Writes.ExecuteAsync("state.delete", write => write.Command("DELETE FROM state WHERE key = $key", ("$key", key)).ExecuteNonQuery(), cancellationToken);
        }
        finally
        {
            Forget(key);
        }
    }

    /// <summary>A write of <paramref name="key"/> is committed (by this store or by the turn ledger): the next read may be served from it.</summary>
    internal void Committed(string key, byte[] utf8Json, string etag) => _committed.Keep(key, new StoreItem(utf8Json, etag));

    /// <summary>The kept copy is no longer known to be what is stored (a failed or unknown write, a deletion elsewhere).</summary>
    internal void Forget(string key) => _committed.Forget(key);

    /// <summary>The write itself, inside a queued write (the turn ledger commits state with the turn's record).</summary>
    /// <exception cref="ETagConflictException">The stored ETag is not <paramref name="expectedETag"/>.</exception>
    /// <param name="utf8Json">The document as UTF-8, stored as text (see <see cref="SqliteValues.Utf8Json{T}(T)"/>).</param>
    internal string Write(SqliteWriteContext write, string key, byte[] utf8Json, string? expectedETag)
    {
        var etag = Guid.NewGuid().ToString("N");
        var sql = expectedETag switch
        {
            null => "INSERT INTO state (key, json, etag, updated_at) VALUES ($key, CAST($json AS TEXT), $etag, $now) ON CONFLICT (key) DO NOTHING",
            "*" => "INSERT INTO state (key, json, etag, updated_at) VALUES ($key, CAST($json AS TEXT), $etag, $now) ON CONFLICT (key) DO UPDATE SET json = CAST($json AS TEXT), etag = $etag, updated_at = $now",
            _ => "UPDATE state SET json = CAST($json AS TEXT), etag = $etag, updated_at = $now WHERE key = $key AND etag = $expected",
        };
        var command = write.Command(sql, ("$key", key), ("$json", utf8Json), ("$etag", etag), ("$now", database.Now()), ("$expected", expectedETag));
        return command.ExecuteNonQuery() == 1 ? etag : throw new ETagConflictException(key);
    }
}
