using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// The embedded store: dialog state with ETags, transcripts, conversation records and the turn
/// ledger in one SQLite file (WAL). Writes are group-committed by <see cref="SqliteWriteQueue"/>; reads use
/// pooled connections and never wait for writes. Busy/locked errors are retried before surfacing as
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed class SqliteStore : IStorage, ITranscriptStore, IConversationRecords, ITurnLedger, IDirectLineLog, IAsyncDisposable
{
    private const int MaxAttempts = 4;

    /// <summary>The WAL is emptied when it grows past this (and whenever writes pause).</summary>
    public const long DefaultWalLimitBytes = 64L * 1024 * 1024;

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    // Kept apart: another process holding the write lock stops writes, while reads (WAL) go on working.
    private readonly SqliteAvailability _writeAvailability;
    private readonly SqliteAvailability _readAvailability;
    private readonly SqliteWriteQueue _writes;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly SqliteReaderPool _readers;
    private readonly SqliteFileWatch _watch;
    private readonly string _probeConnectionString;
    private long _lastFullCheck;

    /// <summary>How often the file at the path is compared with the one opened (see <see cref="SqliteFileWatch"/>).</summary>
    public static readonly TimeSpan DefaultWatchInterval = TimeSpan.FromSeconds(2);

    /// <summary>Opens (or creates) the database and checks it is usable; a <see cref="Hosting.StartupCheckException"/> says why not.</summary>
    /// <param name="walLimitBytes">The size past which the WAL is checkpointed and truncated.</param>
    /// <param name="allowNewDatabase">Start empty even where a database existed before and is now missing.</param>
    /// <param name="logger">Where the loss of the database file is reported.</param>
    public SqliteStore(string path, TimeProvider? clock = null, long walLimitBytes = DefaultWalLimitBytes, bool allowNewDatabase = false,
        ILogger<SqliteStore>? logger = null, TimeSpan? watchInterval = null)
    {
        _clock = clock ?? TimeProvider.System;
        var storeId = SqliteDatabaseFile.OpenOrCreate(path, _clock, allowNewDatabase);
        DatabasePath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            // The file exists and is checked by now; never let SQLite quietly create an empty one later.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            // Another process holding the lock longer than this is an outage: fail (503) rather than hang the request.
            DefaultTimeout = 3,
        }.ToString();

        // The health probe's own connection: unpooled, so it sees the file as a new process would, not a cached page.
        _probeConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _writeAvailability = new SqliteAvailability(_clock);
        _readAvailability = new SqliteAvailability(_clock);
        _watch = new SqliteFileWatch(DatabasePath, storeId, [_writeAvailability, _readAvailability],
            logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, watchInterval ?? DefaultWatchInterval);
        _writes = new SqliteWriteQueue(_connectionString, _writeAvailability, walLimitBytes);
        _checkpointer = new SqliteCheckpointer(_connectionString, DatabasePath, walLimitBytes, TimeSpan.FromSeconds(1));
        _readers = new SqliteReaderPool(_connectionString);
        Retention = new SqliteRetention(_writes, _readers);
        Erasure = new SqliteErasure(_writes, _checkpointer, _clock);
        Audit = new SqliteAuditLog(_writes, _readers);
        Statistics = new SqliteSalesStatistics(_readers);
        Alerts = new SqliteLeadAlerts(_writes, _readers);
    }

    public ILeadAlerts Alerts { get; }

    /// <summary>Erases a prospect (sales).</summary>
    public IConversationErasure Erasure { get; }

    public IAuditLog Audit { get; }

    public ISalesStatistics Statistics { get; }

    public string DatabasePath { get; }

    /// <summary>Deletes what is past its retention period.</summary>
    public IRetentionStore Retention { get; }

    /// <summary>
    /// Proves the database can store something now, bypassing the pause after a failure: the health check's view of
    /// storage. The file at the path must be the one opened (not deleted, not replaced), and a fresh connection must
    /// commit a real write (a read, or taking the lock, passes on a read-only or full disk). After corruption was
    /// seen anywhere, the whole file's structure must check out as well (at most once in <see cref="FullCheckEvery"/>).
    /// Success ends the pause.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (_watch.Check() is { } lost) throw new StorageUnavailableException("probe", lost, SqliteAvailability.RetryAfter);
        try
        {
            await Task.Run(() =>
            {
                using var connection = new SqliteConnection(_probeConnectionString);
                connection.Open();
                using var transaction = connection.BeginTransaction(deferred: false);
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO meta (key, value) VALUES ('health_probe', $now) ON CONFLICT (key) DO UPDATE SET value = $now";
                command.Parameters.AddWithValue("$now", Now());
                command.ExecuteNonQuery();
                if (_writeAvailability.Damaged || _readAvailability.Damaged) CheckWholeFile(connection, transaction);
                transaction.Commit();
            }, cancellationToken);
            _writeAvailability.Recovered();
            _readAvailability.Recovered();
        }
        catch (SqliteException exception)
        {
            _writeAvailability.Failed(exception);
            throw new StorageUnavailableException("probe", exception, SqliteAvailability.RetryAfter);
        }
    }

    /// <summary>How often at most a damaged database is checked in full by the health probe (it reads every page).</summary>
    private static readonly TimeSpan FullCheckEvery = TimeSpan.FromSeconds(30);

    private void CheckWholeFile(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (_lastFullCheck != 0 && _clock.GetElapsedTime(_lastFullCheck) < FullCheckEvery)
        {
            throw new SqliteException("The database was found damaged; it is checked again shortly.", 11);
        }
        _lastFullCheck = _clock.GetTimestamp();
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "PRAGMA quick_check(1)";
        if (Convert.ToString(check.ExecuteScalar(), CultureInfo.InvariantCulture) != "ok") throw new SqliteException("The database is damaged.", 11);
        _writeAvailability.Damaged = false;
        _readAvailability.Damaged = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _watch.DisposeAsync();
        await _writes.DisposeAsync();
        await _checkpointer.DisposeAsync();
        _readers.Dispose();
    }

    // ---- IStorage (dialog state) ----

    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => ReadAsync("state.read", connection =>
    {
        var command = connection.Command("SELECT json, etag FROM state WHERE key = $key", ("$key", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoreItem(reader.GetString(0), reader.GetString(1)) : null;
    }, cancellationToken);

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) => _writes.ExecuteAsync("state.write", write =>
        WriteState(write, key, json, expectedETag), cancellationToken);

    private string WriteState(SqliteWriteContext write, string key, string json, string? expectedETag)
    {
        var etag = Guid.NewGuid().ToString("N");
        var now = Now();
        var sql = expectedETag switch
        {
            null => "INSERT INTO state (key, json, etag, updated_at) VALUES ($key, $json, $etag, $now) ON CONFLICT (key) DO NOTHING",
            "*" => "INSERT INTO state (key, json, etag, updated_at) VALUES ($key, $json, $etag, $now) ON CONFLICT (key) DO UPDATE SET json = $json, etag = $etag, updated_at = $now",
            _ => "UPDATE state SET json = $json, etag = $etag, updated_at = $now WHERE key = $key AND etag = $expected",
        };
        var command = write.Command(sql, ("$key", key), ("$json", json), ("$etag", etag), ("$now", now), ("$expected", expectedETag));
        return command.ExecuteNonQuery() == 1 ? etag : throw new ETagConflictException(key);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => _writes.ExecuteAsync("state.delete", write =>
        write.Command("DELETE FROM state WHERE key = $key", ("$key", key)).ExecuteNonQuery(), cancellationToken);

    // ---- ITranscriptStore ----

    // A retried inbound activity (same id) is logged once.
    private const string AppendSql =
        "INSERT INTO transcript (conversation_id, subject, direction, logged_at, activity_json, activity_id) VALUES ($conversation, $subject, $direction, $at, $json, $activity) ON CONFLICT DO NOTHING";

    private const string SubjectEntriesSql =
        "SELECT seq, conversation_id, subject, direction, logged_at, activity_json FROM transcript WHERE conversation_id = $conversation AND subject = $subject ORDER BY seq";

    public Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return Task.CompletedTask;
        // Serialized before queueing, so the single writer only runs SQL.
        var rows = entries
            .Select(e => (e.ConversationId, e.Subject, Direction: e.Direction.ToString(), At: Format(e.LoggedAt), Json: JsonSerializer.Serialize(e.Activity, ActivityJson.Options),
                ActivityId: e.Direction == TranscriptDirection.Inbound && !string.IsNullOrEmpty(e.Activity.Id) ? e.Activity.Id : null))
            .ToList();
        return _writes.ExecuteAsync("transcript.append", write =>
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
        ReadAsync<IReadOnlyList<TranscriptEntry>>("transcript.read", connection =>
        {
            var command = connection.Command(
                "SELECT seq, conversation_id, subject, direction, logged_at, activity_json FROM transcript WHERE conversation_id = $conversation ORDER BY seq",
                ("$conversation", conversationId));
            return ReadEntries(command);
        }, cancellationToken);

    public Task RedactAsync(string conversationId, string subject, Func<TranscriptEntry, TranscriptEntry> redact, CancellationToken cancellationToken) => _writes.ExecuteAsync("transcript.redact", write =>
    {
        var entries = ReadEntries(write.Command(SubjectEntriesSql, ("$conversation", conversationId), ("$subject", subject)));
        foreach (var entry in entries)
        {
            write.Command("UPDATE transcript SET activity_json = $json WHERE seq = $seq",
                ("$json", JsonSerializer.Serialize(redact(entry).Activity, ActivityJson.Options)), ("$seq", entry.Sequence)).ExecuteNonQuery();
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
                Parse(reader.GetString(4)),
                JsonSerializer.Deserialize<Activity>(reader.GetString(5), ActivityJson.Options)!,
                reader.GetInt64(0)));
        }
        return entries;
    }

    // ---- IConversationRecords ----

    internal const string RecordColumns =
        "id, conversation_id, channel_id, conversation_type, tenant_id, user_id, user_name, started_at, last_activity_at, message_count, consent, answers_json, outcome_json, outcome_model, contact_json, follow_up_status, follow_up_json, sales_version, reference_json, outcome_phase, company, email, contact_name, questions_answered, finished, notes";

    private const string SaveRecordSql =
        """
        INSERT INTO conversations (id, conversation_id, channel_id, conversation_type, tenant_id, user_id, user_name, started_at, last_activity_at,
            message_count, consent, answers_json, outcome_json, outcome_model, contact_json, follow_up_status, reference_json,
            outcome_phase, company, email, contact_name, questions_answered, finished, search_text)
        VALUES ($id, $conversation, $channel, $type, $tenant, $user, $name, $started, $last, $count, $consent, $answers, $outcome, $model, $contact, 'New', $reference,
            $phase, $company, $email, $contactName, $answered, $finished, $search)
        ON CONFLICT (id) DO UPDATE SET
            conversation_type = $type, tenant_id = $tenant, user_id = $user, user_name = $name,
            last_activity_at = $last, message_count = $count, consent = $consent, answers_json = $answers,
            outcome_json = $outcome, outcome_model = $model, contact_json = $contact, reference_json = $reference,
            outcome_phase = $phase, company = $company, email = $email, contact_name = $contactName,
            questions_answered = $answered, finished = $finished, search_text = $search
        """;

    public Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken) => ReadAsync("conversations.get", connection =>
    {
        var command = connection.Command($"SELECT {RecordColumns} FROM conversations WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }, cancellationToken);

    public Task SaveFromTurnAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        (string, object?)[] parameters =
        [
            ("$id", record.Id), ("$conversation", record.ConversationId), ("$channel", record.ChannelId),
            ("$type", record.ConversationType), ("$tenant", record.TenantId), ("$user", record.UserId), ("$name", record.UserName),
            ("$started", Format(record.StartedAt)), ("$last", Format(record.LastActivityAt)), ("$count", record.MessageCount),
            ("$consent", record.Consent.ToString()), ("$answers", record.Answers?.ToJsonString()), ("$outcome", record.Outcome?.ToJsonString()),
            ("$model", record.OutcomeModel), ("$contact", record.Contact?.ToJsonString()), ("$reference", record.ConversationReference?.ToJsonString()),
            ("$phase", record.OutcomePhase), ("$company", record.Company), ("$email", record.Email), ("$contactName", record.ContactName),
            ("$answered", record.QuestionsAnswered), ("$finished", record.Finished ? 1 : 0), ("$search", record.SearchText),
        ];
        return _writes.ExecuteAsync("conversations.save", write => write.Command(SaveRecordSql, parameters).ExecuteNonQuery(), cancellationToken);
    }

    public Task<FollowUpResult> UpdateFollowUpAsync(string id, Func<FollowUp, FollowUp> change, long? expectedVersion, CancellationToken cancellationToken) =>
        _writes.ExecuteAsync("conversations.followup", write =>
        {
            // One write of the single writer: nothing else changes the row between this read and the update.
            using var reader = write.Command($"SELECT {RecordColumns} FROM conversations WHERE id = $id", ("$id", id)).ExecuteReader();
            if (!reader.Read()) return FollowUpResult.NotFound;
            var record = ReadRecord(reader);
            reader.Close();
            if (expectedVersion is { } expected && expected != record.FollowUp.Version) return new FollowUpResult(FollowUpOutcome.Conflict, record);
            var changed = change(record.FollowUp);
            if (changed == record.FollowUp) return new FollowUpResult(FollowUpOutcome.Updated, record);
            changed = changed with { Version = record.FollowUp.Version + 1 };
            write.Command("UPDATE conversations SET follow_up_status = $status, owner_id = $owner, follow_up_json = $json, sales_version = $version WHERE id = $id",
                ("$id", id), ("$status", changed.Status.ToString()), ("$owner", changed.Owner?.Id), ("$json", JsonSerializer.Serialize(changed, ActivityJson.Options)),
                ("$version", changed.Version)).ExecuteNonQuery();
            return new FollowUpResult(FollowUpOutcome.Updated, record with { FollowUp = changed });
        }, cancellationToken, severalStatements: true);

    public Task<ConversationPage> QueryAsync(ConversationQuery query, CancellationToken cancellationToken)
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
        Filter("outcome_phase = $phase", "$phase", query.OutcomePhase);
        Filter("consent = $consent", "$consent", query.Consent?.ToString());
        if (query.ContactRequested is { } contact) where.Add(contact ? "contact_json IS NOT NULL" : "contact_json IS NULL");
        Filter("email = $email COLLATE NOCASE", "$email", query.Email);
        if (query.OwnerId == ConversationQuery.Unowned) where.Add("owner_id IS NULL");
        else Filter("owner_id = $owner", "$owner", query.OwnerId);
        if (query.Channels is { Count: > 0 } channels)
        {
            where.Add("channel_id IN (" + string.Join(", ", channels.Select((_, i) => "$channel" + i)) + ")");
            parameters.AddRange(channels.Select((c, i) => ("$channel" + i, (object?)c)));
        }
        foreach (var (term, i) in query.SearchTerms().Select((t, i) => (t, i)))
        {
            where.Add($"instr(search_text, $term{i}) > 0");
            parameters.Add(("$term" + i, term));
        }
        if (DecodeContinuation(query.ContinuationToken) is { } after)
        {
            where.Add("(last_activity_at < $afterAt OR (last_activity_at = $afterAt AND id < $afterId))");
            parameters.Add(("$afterAt", after.LastActivityAt));
            parameters.Add(("$afterId", after.Id));
        }
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        parameters.Add(("$limit", pageSize + 1));
        // Newest first with the id as tie-break, both descending: one backward walk of ix_conversations_last_activity.
        var sql = $"SELECT {RecordColumns} FROM conversations"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY last_activity_at DESC, id DESC LIMIT $limit";

        return ReadAsync("conversations.query", connection =>
        {
            var command = connection.Command(sql, parameters.ToArray());
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
    }

    internal static ConversationRecord ReadRecord(SqliteDataReader reader) => new()
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
        FollowUp = (NullableString(reader, 16) is { } json ? JsonSerializer.Deserialize<FollowUp>(json, ActivityJson.Options)! : FollowUp.FromLegacyNotes(NullableString(reader, 25), Parse(reader.GetString(8))))
            with { Status = FollowUp.ParseStatus(reader.GetString(15)), Version = reader.GetInt64(17) },
        ConversationReference = NullableJson(reader, 18),
        OutcomePhase = NullableString(reader, 19),
        Company = NullableString(reader, 20),
        Email = NullableString(reader, 21),
        ContactName = NullableString(reader, 22),
        QuestionsAnswered = reader.GetInt32(23),
        Finished = reader.GetInt32(24) != 0,
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

    public Task<TurnRecord?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken) => ReadAsync<TurnRecord?>("ledger.find", session =>
    {
        using var reader = session.Command(
            "SELECT replies_json, delivered, status_code, response_json FROM turns WHERE conversation_id = $conversation AND activity_id = $activity",
            ("$conversation", conversationId), ("$activity", activityId)).ExecuteReader();
        if (!reader.Read()) return null;
        using var replies = JsonDocument.Parse(reader.GetString(0));
        return new TurnRecord(replies.RootElement.EnumerateArray().Select(r => r.GetRawText()).ToList(), reader.GetInt32(1), reader.GetInt32(2), NullableString(reader, 3));
    }, cancellationToken);

    private const string RecordTurnSql =
        """
        INSERT INTO turns (conversation_id, activity_id, recorded_at, replies_json, delivered, status_code, response_json)
        VALUES ($conversation, $activity, $now, $replies, $delivered, $status, $response)
        ON CONFLICT (conversation_id, activity_id) DO UPDATE SET
            replies_json = $replies, delivered = $delivered, status_code = $status, response_json = $response
        """;

    public async Task<string?> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        // The writes that end the turn go first, each its own statement in the writer's group commit (they batch
        // with it anyway); the turn record after them means "done".
        await TurnWrites.WriteEachAsync(commit.With, this, this, cancellationToken);
        return await CommitTurnAsync(commit, cancellationToken);
    }

    private Task<string?> CommitTurnAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        var record = commit.Record;
        var replies = "[" + string.Join(',', record.Replies) + "]";
        return _writes.ExecuteAsync("ledger.commit", write =>
        {
            // One savepoint: a stale state ETag throws before the turn is recorded, and undoes nothing else.
            var etag = commit.State is { } state ? WriteState(write, state.Key, state.Json, state.ExpectedETag) : null;
            write.Command(RecordTurnSql,
                ("$conversation", commit.ConversationId), ("$activity", commit.ActivityId), ("$now", Now()), ("$replies", replies),
                ("$delivered", record.Delivered), ("$status", record.StatusCode), ("$response", record.ResponseBody)).ExecuteNonQuery();
            return etag;
        }, cancellationToken, severalStatements: commit.State is not null);
    }

    public Task RecordDeliveredAsync(string conversationId, string activityId, int delivered, CancellationToken cancellationToken) =>
        _writes.ExecuteAsync("ledger.delivered", write => write.Command(
            "UPDATE turns SET delivered = $delivered WHERE conversation_id = $conversation AND activity_id = $activity AND delivered < $delivered",
            ("$conversation", conversationId), ("$activity", activityId), ("$delivered", delivered)).ExecuteNonQuery(), cancellationToken);

    // ---- IDirectLineLog ----

    public Task<bool> CreateConversationAsync(string conversationId, string userId, CancellationToken cancellationToken) => _writes.ExecuteAsync("directline.create", write =>
        write.Command("INSERT INTO directline_conversations (id, user_id, created_at, last_watermark) VALUES ($id, $user, $now, 0) ON CONFLICT (id) DO NOTHING",
            ("$id", conversationId), ("$user", userId), ("$now", Now())).ExecuteNonQuery() == 1, cancellationToken);

    public Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken) => ReadAsync("directline.exists", session =>
        session.Command("SELECT 1 FROM directline_conversations WHERE id = $id", ("$id", conversationId)).ExecuteScalar() is not null, cancellationToken);

    public Task<long> AppendAsync(string conversationId, Activity activity, DirectLineRetention keep, CancellationToken cancellationToken) => _writes.ExecuteAsync("directline.append", write =>
    {
        var watermark = write.Command("UPDATE directline_conversations SET last_watermark = last_watermark + 1 WHERE id = $id RETURNING last_watermark",
            ("$id", conversationId)).ExecuteScalar() is long value ? value : throw new InvalidOperationException($"Direct Line conversation '{conversationId}' does not exist.");
        activity.Id = $"{conversationId}|{watermark:D7}";
        var json = JsonSerializer.Serialize(activity, ActivityJson.Options);
        long size = Encoding.UTF8.GetByteCount(json);
        write.Command("INSERT INTO directline_activities (conversation_id, watermark, activity_json, size) VALUES ($id, $watermark, $json, $size)",
            ("$id", conversationId), ("$watermark", watermark), ("$json", json), ("$size", size)).ExecuteNonQuery();

        // The kept size is a running total on the conversation, so staying within the limits costs one row read
        // per append; the oldest rows are only walked once the byte budget is exceeded.
        var dropped = SumOf(write.Command("DELETE FROM directline_activities WHERE conversation_id = $id AND watermark <= $oldest RETURNING size",
            ("$id", conversationId), ("$oldest", watermark - keep.Activities)));
        var kept = (long)write.Command("UPDATE directline_conversations SET kept_bytes = kept_bytes + $delta WHERE id = $id RETURNING kept_bytes",
            ("$id", conversationId), ("$delta", size - dropped)).ExecuteScalar()!;
        if (kept > keep.Bytes)
        {
            long excess = kept - keep.Bytes, freed = 0, upTo = 0;
            using (var reader = write.Command("SELECT watermark, size FROM directline_activities WHERE conversation_id = $id AND watermark < $newest ORDER BY watermark",
                ("$id", conversationId), ("$newest", watermark)).ExecuteReader())
            {
                while (freed < excess && reader.Read())
                {
                    upTo = reader.GetInt64(0);
                    freed += reader.GetInt64(1);
                }
            }
            freed = SumOf(write.Command("DELETE FROM directline_activities WHERE conversation_id = $id AND watermark <= $upTo RETURNING size", ("$id", conversationId), ("$upTo", upTo)));
            write.Command("UPDATE directline_conversations SET kept_bytes = kept_bytes - $freed WHERE id = $id", ("$id", conversationId), ("$freed", freed)).ExecuteNonQuery();
        }
        return watermark;
    }, cancellationToken, severalStatements: true);

    public Task RedactAsync(string conversationId, Func<Activity, Activity> redact, Func<string, string> hashUserId, CancellationToken cancellationToken) =>
        _writes.ExecuteAsync("directline.redact", write =>
        {
            var user = write.Command("SELECT user_id FROM directline_conversations WHERE id = $id", ("$id", conversationId)).ExecuteScalar() as string;
            if (user is null) return 0;
            write.Command("UPDATE directline_conversations SET user_id = $user WHERE id = $id", ("$id", conversationId), ("$user", hashUserId(user))).ExecuteNonQuery();
            var stored = new List<(long Watermark, string Json, long Size)>();
            using (var reader = write.Command("SELECT watermark, activity_json, size FROM directline_activities WHERE conversation_id = $id", ("$id", conversationId)).ExecuteReader())
            {
                while (reader.Read()) stored.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
            }
            long delta = 0;
            foreach (var (watermark, json, size) in stored)
            {
                var redacted = JsonSerializer.Serialize(redact(JsonSerializer.Deserialize<Activity>(json, ActivityJson.Options)!), ActivityJson.Options);
                long redactedSize = Encoding.UTF8.GetByteCount(redacted);
                delta += redactedSize - size;
                write.Command("UPDATE directline_activities SET activity_json = $json, size = $size WHERE conversation_id = $id AND watermark = $watermark",
                    ("$id", conversationId), ("$watermark", watermark), ("$json", redacted), ("$size", redactedSize)).ExecuteNonQuery();
            }
            // The kept size follows the rewritten activities, so the byte bound stays exact.
            write.Command("UPDATE directline_conversations SET kept_bytes = kept_bytes + $delta WHERE id = $id", ("$id", conversationId), ("$delta", delta)).ExecuteNonQuery();
            return stored.Count;
        }, cancellationToken, severalStatements: true);

    public Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long? afterWatermark, DirectLinePage page, CancellationToken cancellationToken) =>
        ReadAsync<(IReadOnlyList<Activity>, long)>("directline.read", session =>
        {
            var activities = new List<Activity>();
            var last = afterWatermark ?? 0;
            long bytes = 0;
            using (var reader = session.Command(
                "SELECT watermark, size, activity_json FROM directline_activities WHERE conversation_id = $id AND watermark > $after ORDER BY watermark LIMIT $limit",
                ("$id", conversationId), ("$after", afterWatermark ?? 0), ("$limit", page.Activities)).ExecuteReader())
            {
                while (reader.Read())
                {
                    // The size is read before the text, so a page that is full stops without loading the next activity.
                    var size = reader.GetInt64(1);
                    if (activities.Count > 0 && bytes + size > page.Bytes) break;
                    bytes += size;
                    last = reader.GetInt64(0);
                    activities.Add(JsonSerializer.Deserialize<Activity>(reader.GetString(2), ActivityJson.Options)!);
                }
            }
            if (activities.Count == 0)
            {
                // Nothing new: the watermark is where the conversation is now (never behind what the client has).
                var current = session.Command("SELECT last_watermark FROM directline_conversations WHERE id = $id", ("$id", conversationId)).ExecuteScalar();
                last = Math.Max(last, current is long value ? value : 0);
            }
            return (activities, last);
        }, cancellationToken);

    private static long SumOf(SqliteCommand command)
    {
        long sum = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read()) sum += reader.GetInt64(0);
        return sum;
    }

    // ---- plumbing ----

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(25 * Math.Pow(2, attempt) + Random.Shared.Next(25));

    private async Task<T> ReadAsync<T>(string operation, Func<SqliteReaderPool.Session, T> work, CancellationToken cancellationToken)
    {
        _readAvailability.ThrowIfUnavailable(operation);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return _readers.Read(work);
            }
            catch (SqliteException exception) when (SqliteAvailability.IsFault(exception))
            {
                _readAvailability.Failed(exception);
                throw new StorageUnavailableException(operation, exception, SqliteAvailability.RetryAfter);
            }
            catch (SqliteException exception) when (IsTransient(exception))
            {
                if (attempt >= MaxAttempts)
                {
                    _readAvailability.Failed(exception);
                    throw new StorageUnavailableException(operation, exception, SqliteAvailability.RetryAfter);
                }
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    private static bool IsTransient(SqliteException exception) => SqliteWriteQueue.IsTransient(exception);

    private string Now() => Format(_clock.GetUtcNow());

    /// <summary>Fixed-width UTC text so that string order is time order in SQL.</summary>
    internal static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    internal static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static JsonNode? NullableJson(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetString(ordinal));
}
