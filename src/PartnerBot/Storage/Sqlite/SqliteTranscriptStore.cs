using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Storage.Sqlite;

/// <summary>Transcripts on the embedded store, in the order logged; a retried inbound activity (same id) is logged once.</summary>
public sealed class SqliteTranscriptStore(SqliteDatabase database) : ITranscriptStore
{
    private const string AppendSql =
        "INSERT INTO transcript (conversation_id, subject, direction, logged_at, activity_json, activity_id) VALUES ($conversation, $subject, $direction, $at, CAST($json AS TEXT), $activity) ON CONFLICT DO NOTHING";

    private const string SubjectEntriesSql =
        "SELECT seq, conversation_id, subject, direction, logged_at, activity_json FROM transcript WHERE conversation_id = $conversation AND subject = $subject ORDER BY seq";

    public Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return Task.CompletedTask;
        // Serialized before queueing, so the single writer only runs SQL.
        var rows = entries
            .Select(e => (e.ConversationId, e.Subject, Direction: e.Direction.ToString(), At: SqliteValues.Format(e.LoggedAt), Json: SqliteValues.Utf8Json(e.Activity),
                ActivityId: e.Direction == TranscriptDirection.Inbound && !string.IsNullOrEmpty(e.Activity.Id) ? e.Activity.Id : null))
            .ToList();
        return database.Writes.ExecuteAsync("transcript.append", write =>
        {
            foreach (var row in rows)
            {
                write.Command(AppendSql, ("$conversation", row.ConversationId), ("$subject", row.Subject), ("$direction", row.Direction), ("$at", row.At), ("$json", row.Json),
                        ("$activity", row.ActivityId))
                    .ExecuteNonQuery();
            }
            return rows.Count;
        }, cancellationToken, severalStatements: rows.Count > 1);
    }

    public Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<TranscriptEntry>>("transcript.read", session => ReadEntries(session.Command(
            "SELECT seq, conversation_id, subject, direction, logged_at, activity_json FROM transcript WHERE conversation_id = $conversation ORDER BY seq",
            ("$conversation", conversationId))), cancellationToken);

    public Task RedactAsync(string conversationId, string subject, Func<TranscriptEntry, TranscriptEntry> redact, CancellationToken cancellationToken) =>
        database.Writes.ExecuteAsync("transcript.redact", write =>
        {
            var entries = ReadEntries(write.Command(SubjectEntriesSql, ("$conversation", conversationId), ("$subject", subject)));
            foreach (var entry in entries)
            {
                write.Command("UPDATE transcript SET activity_json = CAST($json AS TEXT) WHERE seq = $seq",
                    ("$json", SqliteValues.Utf8Json(redact(entry).Activity)), ("$seq", entry.Sequence)).ExecuteNonQuery();
            }
            return entries.Count;
        }, cancellationToken, severalStatements: true);

    private static List<TranscriptEntry> ReadEntries(SqliteCommand command)
    {
        var entries = new List<TranscriptEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new TranscriptEntry(
                reader.GetString(1),
                reader.GetString(2),
                Enum.Parse<TranscriptDirection>(reader.GetString(3)),
                SqliteValues.Parse(reader.GetString(4)),
                JsonSerializer.Deserialize<Activity>(reader.GetString(5), BotJson.Options)!,
                reader.GetInt64(0)));
        }
        return entries;
    }
}
