using System.Text.Json;
using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// The turn ledger on the embedded store: a turn's replies, how many went out, and its result, keyed by the inbound
/// activity. The end-of-turn writes queue first; the dialog state and the turn's row then commit in one savepoint,
/// so a stale ETag records nothing and a recorded turn always has its state.
/// </summary>
public sealed class SqliteTurnLedger(SqliteDatabase database, SqliteStateStore state, SqliteTranscriptStore transcripts, SqliteConversationRecords records) : ITurnLedger
{
    public Task<TurnRecord?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken) => database.ReadAsync<TurnRecord?>("ledger.find", session =>
    {
        using var reader = session.Command(
            "SELECT replies_json, delivered, status_code, response_json FROM turns WHERE conversation_id = $conversation AND activity_id = $activity",
            ("$conversation", conversationId), ("$activity", activityId)).ExecuteReader();
        if (!reader.Read()) return null;
        using var replies = JsonDocument.Parse(reader.GetString(0));
        return new TurnRecord(replies.RootElement.EnumerateArray().Select(r => r.GetRawText()).ToList(), reader.GetInt32(1), reader.GetInt32(2), SqliteValues.NullableString(reader, 3));
    }, cancellationToken);

    private const string RecordTurnSql =
        """
        INSERT INTO turns (conversation_id, activity_id, recorded_at, replies_json, delivered, status_code, response_json)
        VALUES ($conversation, $activity, $now, CAST($replies AS TEXT), $delivered, $status, $response)
        ON CONFLICT (conversation_id, activity_id) DO UPDATE SET
            replies_json = CAST($replies AS TEXT), delivered = $delivered, status_code = $status, response_json = $response
        """;

    public async Task<string?> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        // The writes that end the turn go first, each its own statement in the writer's group commit (they batch
        // with it anyway); the turn record after them means "done".
        await TurnWrites.WriteEachAsync(commit.With, transcripts, records, cancellationToken);
        return await CommitTurnAsync(commit, cancellationToken);
    }

    private async Task<string?> CommitTurnAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        try
        {
            var etag = await WriteTurnAsync(commit, cancellationToken);
            if (commit.State is { } written && etag is not null) state.Committed(written.Key, written.Utf8Json, etag);
            return etag;
        }
        catch when (commit.State is { } unknown)
        {
            // A conflict, or a write whose outcome is unknown: the next read goes to the file.
            state.Forget(unknown.Key);
            throw;
        }
    }

    private Task<string?> WriteTurnAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        var record = commit.Record;
        var replies = SqliteValues.Utf8JsonArray(record.Replies);
        return database.Writes.ExecuteAsync("ledger.commit", write =>
        {
            // One savepoint: a stale state ETag throws before the turn is recorded, and undoes nothing else.
            var etag = commit.State is { } commitState ? state.Write(write, commitState.Key, commitState.Utf8Json, commitState.ExpectedETag) : null;
            write.Command(RecordTurnSql,
                ("$conversation", commit.ConversationId), ("$activity", commit.ActivityId), ("$now", database.Now()), ("$replies", replies),
                ("$delivered", record.Delivered), ("$status", record.StatusCode), ("$response", record.ResponseBody)).ExecuteNonQuery();
            return etag;
        }, cancellationToken, severalStatements: commit.State is not null);
    }

    public Task RecordDeliveredAsync(string conversationId, string activityId, int delivered, CancellationToken cancellationToken) =>
        database.Writes.ExecuteAsync("ledger.delivered", write => write.Command(
            "UPDATE turns SET delivered = $delivered WHERE conversation_id = $conversation AND activity_id = $activity AND delivered < $delivered",
            ("$conversation", conversationId), ("$activity", activityId), ("$delivered", delivered)).ExecuteNonQuery(), cancellationToken);

    /// <summary>A retry is found by reading the ledger before the turn: a local read costs next to nothing.</summary>
    public IDeferredDuplicateCheck? DeferredDuplicateCheck => null;
}
