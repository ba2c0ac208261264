using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// The embedded store: dialog state with ETags, transcripts, conversation records and the processed-activity
/// ledger in one SQLite file (WAL). Busy/locked errors are retried before surfacing as
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed class SqliteStore : IStorage, ITranscriptStore, IConversationRecords, ITurnLedger
{
    private const int MaxAttempts = 4;
    private readonly string _connectionString;
    private long _claimsSincePrune;

    public SqliteStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();

        using var connection = Open();
        SqliteSchema.Migrate(connection);
    }

    // ---- IStorage (dialog state) ----

    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => RunAsync("state.read", connection =>
    {
        using var command = Command(connection, "SELECT json, etag FROM state WHERE key = $key", ("$key", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoreItem(reader.GetString(0), reader.GetString(1)) : null;
    }, cancellationToken);

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) => RunAsync("state.write", connection =>
    {
        var etag = Guid.NewGuid().ToString("N");
        var now = Now();
        var sql = expectedETag switch
        {
            null => "INSERT INTO state (key, json, etag, updated_at) VALUES ($key, $json, $etag, $now) ON CONFLICT (key) DO NOTHING",
            "*" => "INSERT INTO state (key, json, etag, updated_at) VALUES ($key, $json, $etag, $now) ON CONFLICT (key) DO UPDATE SET json = $json, etag = $etag, updated_at = $now",
            _ => "UPDATE state SET json = $json, etag = $etag, updated_at = $now WHERE key = $key AND etag = $expected",
        };
        using var command = Command(connection, sql, ("$key", key), ("$json", json), ("$etag", etag), ("$now", now), ("$expected", expectedETag));
        return command.ExecuteNonQuery() == 1 ? etag : throw new ETagConflictException(key);
    }, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => RunAsync("state.delete", connection =>
    {
        using var command = Command(connection, "DELETE FROM state WHERE key = $key", ("$key", key));
        return command.ExecuteNonQuery();
    }, cancellationToken);

    // ---- ITranscriptStore ----

    public Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken) => RunAsync("transcript.append", connection =>
    {
        if (entries.Count == 0) return 0;
        using var transaction = connection.BeginTransaction();
        using var command = Command(connection,
            "INSERT INTO transcript (conversation_id, subject, direction, logged_at, activity_json) VALUES ($conversation, $subject, $direction, $at, $json)");
        command.Transaction = transaction;
        var conversation = command.Parameters.Add("$conversation", SqliteType.Text);
        var subject = command.Parameters.Add("$subject", SqliteType.Text);
        var direction = command.Parameters.Add("$direction", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var json = command.Parameters.Add("$json", SqliteType.Text);
        foreach (var entry in entries)
        {
            conversation.Value = entry.ConversationId;
            subject.Value = entry.Subject;
            direction.Value = entry.Direction.ToString();
            at.Value = Format(entry.LoggedAt);
            json.Value = JsonSerializer.Serialize(entry.Activity, ActivityJson.Options);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return entries.Count;
    }, cancellationToken);

    public Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationId, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<TranscriptEntry>>("transcript.read", connection =>
        {
            using var command = Command(connection,
                "SELECT seq, conversation_id, subject, direction, logged_at, activity_json FROM transcript WHERE conversation_id = $conversation ORDER BY seq",
                ("$conversation", conversationId));
            return ReadEntries(command);
        }, cancellationToken);

    public Task RedactAsync(string subject, Func<TranscriptEntry, TranscriptEntry> redact, CancellationToken cancellationToken) => RunAsync("transcript.redact", connection =>
    {
        using var transaction = connection.BeginTransaction();
        using var select = Command(connection,
            "SELECT seq, conversation_id, subject, direction, logged_at, activity_json FROM transcript WHERE subject = $subject ORDER BY seq",
            ("$subject", subject));
        select.Transaction = transaction;
        var entries = ReadEntries(select);
        using var update = Command(connection, "UPDATE transcript SET activity_json = $json WHERE seq = $seq");
        update.Transaction = transaction;
        var json = update.Parameters.Add("$json", SqliteType.Text);
        var seq = update.Parameters.Add("$seq", SqliteType.Integer);
        foreach (var entry in entries)
        {
            json.Value = JsonSerializer.Serialize(redact(entry).Activity, ActivityJson.Options);
            seq.Value = entry.Sequence;
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return entries.Count;
    }, cancellationToken);

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
                Parse(reader.GetString(4)),
                JsonSerializer.Deserialize<Activity>(reader.GetString(5), ActivityJson.Options)!,
                reader.GetInt64(0)));
        }
        return entries;
    }

    // ---- IConversationRecords ----

    private const string RecordColumns =
        "id, conversation_id, channel_id, conversation_type, tenant_id, user_id, user_name, started_at, last_activity_at, message_count, consent, answers_json, outcome_json, outcome_model, contact_json, follow_up_status, notes, reference_json";

    public Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken) => RunAsync("conversations.get", connection =>
    {
        using var command = Command(connection, $"SELECT {RecordColumns} FROM conversations WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }, cancellationToken);

    public Task SaveFromTurnAsync(ConversationRecord record, CancellationToken cancellationToken) => RunAsync("conversations.save", connection =>
    {
        using var command = Command(connection,
            $"""
            INSERT INTO conversations ({RecordColumns})
            VALUES ($id, $conversation, $channel, $type, $tenant, $user, $name, $started, $last, $count, $consent, $answers, $outcome, $model, $contact, $status, $notes, $reference)
            ON CONFLICT (id) DO UPDATE SET
                conversation_type = $type, tenant_id = $tenant, user_id = $user, user_name = $name,
                last_activity_at = $last, message_count = $count, consent = $consent, answers_json = $answers,
                outcome_json = $outcome, outcome_model = $model, contact_json = $contact, reference_json = $reference
            """,
            ("$id", record.Id), ("$conversation", record.ConversationId), ("$channel", record.ChannelId),
            ("$type", record.ConversationType), ("$tenant", record.TenantId), ("$user", record.UserId), ("$name", record.UserName),
            ("$started", Format(record.StartedAt)), ("$last", Format(record.LastActivityAt)), ("$count", record.MessageCount),
            ("$consent", record.Consent.ToString()), ("$answers", record.Answers?.ToJsonString()), ("$outcome", record.Outcome?.ToJsonString()),
            ("$model", record.OutcomeModel), ("$contact", record.Contact?.ToJsonString()), ("$status", record.FollowUpStatus.ToString()),
            ("$notes", record.Notes), ("$reference", record.ConversationReference?.ToJsonString()));
        return command.ExecuteNonQuery();
    }, cancellationToken);

    public Task<bool> UpdateFollowUpAsync(string id, FollowUpStatus status, string? notes, CancellationToken cancellationToken) => RunAsync("conversations.followup", connection =>
    {
        using var command = Command(connection,
            "UPDATE conversations SET follow_up_status = $status, notes = COALESCE($notes, notes) WHERE id = $id",
            ("$id", id), ("$status", status.ToString()), ("$notes", notes));
        return command.ExecuteNonQuery() == 1;
    }, cancellationToken);

    public Task<ConversationPage> QueryAsync(ConversationQuery query, CancellationToken cancellationToken) => RunAsync("conversations.query", connection =>
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Filter(string clause, string name, object? value)
        {
            if (value is null) return;
            where.Add(clause);
            parameters.Add((name, value));
        }
        Filter("started_at >= $from", "$from", query.From is { } from ? Format(from) : null);
        Filter("started_at < $to", "$to", query.To is { } to ? Format(to) : null);
        Filter("follow_up_status = $status", "$status", query.Status?.ToString());
        Filter("outcome_model = $model", "$model", query.OutcomeModel);
        Filter("channel_id = $channel", "$channel", query.ChannelId);
        if (DecodeContinuation(query.ContinuationToken) is { } after)
        {
            where.Add("(last_activity_at < $afterAt OR (last_activity_at = $afterAt AND id > $afterId))");
            parameters.Add(("$afterAt", after.LastActivityAt));
            parameters.Add(("$afterId", after.Id));
        }
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        parameters.Add(("$limit", pageSize + 1));

        var sql = $"SELECT {RecordColumns} FROM conversations"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY last_activity_at DESC, id LIMIT $limit";
        using var command = Command(connection, sql, parameters.ToArray());
        var records = new List<ConversationRecord>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) records.Add(ReadRecord(reader));
        }
        string? continuation = null;
        if (records.Count > pageSize)
        {
            records.RemoveAt(records.Count - 1);
            continuation = EncodeContinuation(Format(records[^1].LastActivityAt), records[^1].Id);
        }
        return new ConversationPage(records, continuation);
    }, cancellationToken);

    private static ConversationRecord ReadRecord(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        ConversationId = reader.GetString(1),
        ChannelId = reader.GetString(2),
        ConversationType = NullableString(reader, 3),
        TenantId = NullableString(reader, 4),
        UserId = NullableString(reader, 5),
        UserName = NullableString(reader, 6),
        StartedAt = Parse(reader.GetString(7)),
        LastActivityAt = Parse(reader.GetString(8)),
        MessageCount = reader.GetInt32(9),
        Consent = Enum.Parse<Consent>(reader.GetString(10)),
        Answers = NullableJson(reader, 11),
        Outcome = NullableJson(reader, 12),
        OutcomeModel = NullableString(reader, 13),
        Contact = NullableJson(reader, 14),
        FollowUpStatus = Enum.Parse<FollowUpStatus>(reader.GetString(15)),
        Notes = NullableString(reader, 16),
        ConversationReference = NullableJson(reader, 17),
    };

    private static string EncodeContinuation(string lastActivityAt, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { lastActivityAt, id })));

    private static (string LastActivityAt, string Id)? DecodeContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            return parts is { Length: 2 } ? (parts[0], parts[1]) : throw new FormatException();
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), exception);
        }
    }

    // ---- ITurnLedger ----

    public Task<TurnClaim> TryClaimAsync(string conversationId, string activityId, TimeSpan lease, CancellationToken cancellationToken) => RunAsync("ledger.claim", connection =>
    {
        if (Interlocked.Increment(ref _claimsSincePrune) % 1000 == 0) PruneLedger(connection);
        var now = DateTimeOffset.UtcNow;
        using var claim = Command(connection,
            """
            INSERT INTO processed_activities (conversation_id, activity_id, claimed_at) VALUES ($conversation, $activity, $now)
            ON CONFLICT (conversation_id, activity_id) DO UPDATE SET claimed_at = $now
            WHERE completed_at IS NULL AND claimed_at < $staleBefore
            """,
            ("$conversation", conversationId), ("$activity", activityId), ("$now", Format(now)), ("$staleBefore", Format(now - lease)));
        if (claim.ExecuteNonQuery() == 1) return new TurnClaim(TurnClaimStatus.Claimed);

        using var read = Command(connection,
            "SELECT completed_at, response_json FROM processed_activities WHERE conversation_id = $conversation AND activity_id = $activity",
            ("$conversation", conversationId), ("$activity", activityId));
        using var reader = read.ExecuteReader();
        reader.Read();
        return reader.IsDBNull(0) ? new TurnClaim(TurnClaimStatus.InProgress) : new TurnClaim(TurnClaimStatus.Completed, NullableString(reader, 1));
    }, cancellationToken);

    public Task CompleteAsync(string conversationId, string activityId, string? responseBody, CancellationToken cancellationToken) => RunAsync("ledger.complete", connection =>
    {
        using var command = Command(connection,
            "UPDATE processed_activities SET completed_at = $now, response_json = $response WHERE conversation_id = $conversation AND activity_id = $activity",
            ("$conversation", conversationId), ("$activity", activityId), ("$now", Now()), ("$response", responseBody));
        return command.ExecuteNonQuery();
    }, cancellationToken);

    /// <summary>Channels retry within minutes; a day of ledger is plenty and keeps the table small.</summary>
    private static void PruneLedger(SqliteConnection connection)
    {
        using var command = Command(connection, "DELETE FROM processed_activities WHERE claimed_at < $before", ("$before", Format(DateTimeOffset.UtcNow.AddDays(-1))));
        command.ExecuteNonQuery();
    }

    // ---- plumbing ----

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private async Task<T> RunAsync<T>(string operation, Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var connection = Open();
                return work(connection);
            }
            catch (SqliteException exception) when (IsTransient(exception))
            {
                if (attempt >= MaxAttempts) throw new StorageUnavailableException(operation, exception);
                await Task.Delay(TimeSpan.FromMilliseconds(25 * Math.Pow(2, attempt) + Random.Shared.Next(25)), cancellationToken);
            }
        }
    }

    /// <summary>Busy, locked, I/O and "cannot open" errors can pass; constraint and schema errors cannot.</summary>
    private static bool IsTransient(SqliteException exception) => exception.SqliteErrorCode is 5 or 6 or 10 or 14;

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static string Now() => Format(DateTimeOffset.UtcNow);

    /// <summary>Fixed-width UTC text so that string order is time order in SQL.</summary>
    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static JsonNode? NullableJson(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetString(ordinal));
}
