namespace PartnerBot.Storage.Sqlite;

public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("audit.append", write =>
        write.Command("INSERT INTO audit (at, actor_id, actor_name, action, target, detail) VALUES ($at, $actor, $name, $action, $target, $detail)",
            ("$at", SqliteValues.Format(entry.At)), ("$actor", entry.ActorId), ("$name", entry.ActorName), ("$action", entry.Action),
            ("$target", entry.Target), ("$detail", entry.Detail)).ExecuteNonQuery(), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AuditEntry>>(database.Readers.Read(session =>
    {
        var entries = new List<AuditEntry>();
        using var reader = session.Command("SELECT at, actor_id, actor_name, action, target, detail FROM audit ORDER BY seq DESC LIMIT $limit", ("$limit", Math.Clamp(limit, 1, 1000))).ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(SqliteValues.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), SqliteValues.NullableString(reader, 5)));
        }
        return entries;
    }));
}
