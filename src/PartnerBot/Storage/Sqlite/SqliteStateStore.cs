using PartnerBot.BotFramework.Storage;

namespace PartnerBot.Storage.Sqlite;

/// <summary>Dialog state on the embedded store: one row per key, each write with a new ETag that the next must match.</summary>
public sealed class SqliteStateStore(SqliteDatabase database) : IStorage
{
    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => database.ReadAsync("state.read", session =>
    {
        using var reader = session.Command("SELECT json, etag FROM state WHERE key = $key", ("$key", key)).ExecuteReader();
        return reader.Read() ? new StoreItem(reader.GetString(0), reader.GetString(1)) : null;
    }, cancellationToken);

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) =>
        database.Writes.ExecuteAsync("state.write", write => Write(write, key, json, expectedETag), cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("state.delete", write =>
        write.Command("DELETE FROM state WHERE key = $key", ("$key", key)).ExecuteNonQuery(), cancellationToken);

    /// <summary>The write itself, inside a queued write (the turn ledger commits state with the turn's record).</summary>
    /// <exception cref="ETagConflictException">The stored ETag is not <paramref name="expectedETag"/>.</exception>
    internal string Write(SqliteWriteContext write, string key, string json, string? expectedETag)
    {
        var etag = Guid.NewGuid().ToString("N");
        var sql = expectedETag switch
        {
            null => "INSERT INTO state (key, json, etag, updated_at) VALUES ($key, $json, $etag, $now) ON CONFLICT (key) DO NOTHING",
            "*" => "INSERT INTO state (key, json, etag, updated_at) VALUES ($key, $json, $etag, $now) ON CONFLICT (key) DO UPDATE SET json = $json, etag = $etag, updated_at = $now",
            _ => "UPDATE state SET json = $json, etag = $etag, updated_at = $now WHERE key = $key AND etag = $expected",
        };
        var command = write.Command(sql, ("$key", key), ("$json", json), ("$etag", etag), ("$now", database.Now()), ("$expected", expectedETag));
        return command.ExecuteNonQuery() == 1 ? etag : throw new ETagConflictException(key);
    }
}
