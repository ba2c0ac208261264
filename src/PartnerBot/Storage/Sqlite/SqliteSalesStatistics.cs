using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>The funnel's rows: live conversations and the anonymous rows of erased ones, started in the period.</summary>
public sealed class SqliteSalesStatistics(SqliteDatabase database) : ISalesStatistics
{
    private const int Page = 5000;

    private const string LiveSql =
        """
        SELECT started_at, channel_id, consent, finished, contact_json IS NOT NULL, outcome_model, rowid, questions_answered, last_activity_at FROM conversations
        WHERE started_at >= $from AND started_at < $to AND rowid > $after ORDER BY rowid LIMIT $page
        """;

    private const string ErasedSql =
        """
        SELECT started_at, channel_id, consent, finished, contact_requested, outcome_model, seq, NULL, NULL FROM erased_conversations
        WHERE started_at >= $from AND started_at < $to AND seq > $after ORDER BY seq LIMIT $page
        """;

    public async IAsyncEnumerable<FunnelRow> FunnelRowsAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var sql in new[] { LiveSql, ErasedSql })
        {
            // Paged by row id, so the period's rows never sit in memory at once.
            long after = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (rows, last) = database.Readers.Read(session => ReadPage(session.Command(sql, ("$from", SqliteValues.Format(from)), ("$to", SqliteValues.Format(to)), ("$after", after), ("$page", Page))));
                foreach (var row in rows) yield return row;
                if (rows.Count < Page) break;
                after = last;
                await Task.Yield();
            }
        }
    }

    private static (List<FunnelRow> Rows, long Last) ReadPage(SqliteCommand command)
    {
        var rows = new List<FunnelRow>();
        long last = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new FunnelRow(SqliteValues.Parse(reader.GetString(0)), reader.GetString(1), Enum.Parse<Consent>(reader.GetString(2)),
                reader.GetInt32(3) != 0, reader.GetInt32(4) != 0, SqliteValues.NullableString(reader, 5), reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : SqliteValues.Parse(reader.GetString(8))));
            last = reader.GetInt64(6);
        }
        return (rows, last);
    }
}
