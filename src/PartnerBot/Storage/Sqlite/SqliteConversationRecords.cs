using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Conversation records on the embedded store: the bot's fields written with each turn, sales' follow-up changed
/// only through a versioned update, and the sales list's filters translated to SQL from <see cref="ConversationQuery.Conditions"/>.
/// </summary>
public sealed class SqliteConversationRecords(SqliteDatabase database) : IConversationRecords
{
    private readonly SqliteKeptCopies<KeptRecord> _kept = new(database.Clock);

    internal const string RecordColumns =
        "id, conversation_id, channel_id, conversation_type, tenant_id, user_id, user_name, started_at, last_activity_at, message_count, consent, answers_json, outcome_json, outcome_model, contact_json, follow_up_status, follow_up_json, sales_version, reference_json, outcome_phase, company, email, contact_name, questions_answered, finished, notes, meeting_json";

    private const string SaveRecordSql =
        """
        INSERT INTO conversations (id, conversation_id, channel_id, conversation_type, tenant_id, user_id, user_name, started_at, last_activity_at,
            message_count, consent, answers_json, outcome_json, outcome_model, contact_json, follow_up_status, reference_json,
            outcome_phase, company, email, contact_name, questions_answered, finished, search_text, meeting_json)
        VALUES ($id, $conversation, $channel, $type, $tenant, $user, $name, $started, $last, $count, $consent, CAST($answers AS TEXT), CAST($outcome AS TEXT), $model, CAST($contact AS TEXT), 'New', CAST($reference AS TEXT),
            $phase, $company, $email, $contactName, $answered, $finished, $search, CAST($meeting AS TEXT))
        ON CONFLICT (id) DO UPDATE SET
            conversation_type = $type, tenant_id = $tenant, user_id = $user, user_name = $name,
            last_activity_at = $last, message_count = $count, consent = $consent, answers_json = CAST($answers AS TEXT),
            outcome_json = CAST($outcome AS TEXT), outcome_model = $model, contact_json = CAST($contact AS TEXT), reference_json = CAST($reference AS TEXT),
            outcome_phase = $phase, company = $company, email = $email, contact_name = $contactName,
            questions_answered = $answered, finished = $finished, search_text = $search, meeting_json = CAST($meeting AS TEXT)
        """;

    public async Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await database.ReadAsync("conversations.get", session => ReadWhole(session, id), cancellationToken))?.Record;

    /// <summary>
    /// The record this process last read or saved, when the row still has its follow-up version, last activity and message
    /// count (every write of the row changes one of them: a turn's save the last two, sales' update the version; erasure and
    /// retention delete it). Checking those three is one small read, where the whole record is a parse of every JSON column.
    /// </summary>
    public async Task<ConversationRecord?> GetForTurnAsync(string id, CancellationToken cancellationToken)
    {
        if (_kept.TryGet(id, out var kept))
        {
            var unchanged = await database.ReadAsync("conversations.check", session =>
            {
                using var reader = session.Command("SELECT sales_version, message_count, last_activity_at FROM conversations WHERE id = $id", ("$id", id)).ExecuteReader();
                return reader.Read() && reader.GetInt64(0) == kept.Record.FollowUp.Version && reader.GetInt32(1) == kept.Record.MessageCount
                    && reader.GetString(2) == kept.LastActivityAt;
            }, cancellationToken);
            if (unchanged) return kept.Record;
            _kept.Forget(id, kept);
        }
        var read = await database.ReadAsync("conversations.get", session => ReadWhole(session, id), cancellationToken);
        if (read is null) return null;
        _kept.Keep(id, read);
        return read.Record;
    }

    /// <summary>
    /// Writes the turn's fields. When the record the turn started from is known (<see cref="GetForTurnAsync"/>), only
    /// the JSON columns the turn changed are written; else, or when the row is gone meanwhile, the whole record.
    /// </summary>
    public async Task SaveFromTurnAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        var lastActivityAt = SqliteValues.Format(record.LastActivityAt);
        var kept = _kept.TryGet(record.Id, out var known) ? known : null;
        bool updated;
        try
        {
            updated = await database.Writes.ExecuteAsync("conversations.save", write =>
            {
                if (kept is not null && Update(write, record, lastActivityAt, kept)) return true;
                Upsert(write, record, lastActivityAt);
                return false;
            }, cancellationToken);
        }
        catch
        {
            _kept.Forget(record.Id);
            throw;
        }
        // The follow-up is sales', untouched by an update: the row keeps the one the turn started from. A row made
        // again (it was deleted meanwhile) is read whole by the next turn.
        if (updated) _kept.Keep(record.Id, new KeptRecord(record with { FollowUp = kept!.Record.FollowUp }, lastActivityAt));
        else _kept.Forget(record.Id);
    }

    /// <summary>The whole row of <paramref name="id"/>, with its last activity as the row holds it, or null.</summary>
    private static KeptRecord? ReadWhole(SqliteReaderPool.Session session, string id)
    {
        using var reader = session.Command($"SELECT {RecordColumns} FROM conversations WHERE id = $id", ("$id", id)).ExecuteReader();
        return reader.Read() ? new KeptRecord(ReadRecord(reader), reader.GetString(8)) : null;
    }

    private static void Upsert(SqliteWriteContext write, ConversationRecord record, string lastActivityAt)
    {
        List<(string, object?)> parameters = [("$conversation", record.ConversationId), ("$channel", record.ChannelId), ("$started", SqliteValues.Format(record.StartedAt))];
        AddTurnFields(parameters, record, lastActivityAt);
        foreach (var json in JsonColumns) parameters.Add((json.Parameter, SqliteValues.Utf8Json(json.Of(record))));
        write.Command(SaveRecordSql, [.. parameters]).ExecuteNonQuery();
    }

    /// <summary>The fields every save of a turn writes, JSON columns aside.</summary>
    private static void AddTurnFields(List<(string, object?)> parameters, ConversationRecord record, string lastActivityAt) => parameters.AddRange(
    [
        ("$id", record.Id), ("$type", record.ConversationType), ("$tenant", record.TenantId), ("$user", record.UserId), ("$name", record.UserName),
        ("$last", lastActivityAt), ("$count", record.MessageCount), ("$consent", record.Consent.ToString()), ("$model", record.OutcomeModel),
        ("$phase", record.OutcomePhase), ("$company", record.Company), ("$email", record.Email), ("$contactName", record.ContactName),
        ("$answered", record.QuestionsAnswered), ("$finished", record.Finished ? 1 : 0), ("$search", record.SearchText),
    ]);

    /// <summary>
    /// The turn's fields on the row, with only the JSON columns that differ from <paramref name="kept"/>; false when the
    /// row is no longer the kept one (gone, or written by another process since), so that nothing is left out.
    /// </summary>
    private static bool Update(SqliteWriteContext write, ConversationRecord record, string lastActivityAt, KeptRecord kept)
    {
        var before = kept.Record;
        List<(string, object?)> parameters = [("$keptLast", kept.LastActivityAt), ("$keptCount", before.MessageCount)];
        AddTurnFields(parameters, record, lastActivityAt);
        var changed = 0;
        for (var column = 0; column < JsonColumns.Length; column++)
        {
            var (now, was) = (JsonColumns[column].Of(record), JsonColumns[column].Of(before));
            if (ReferenceEquals(now, was) || JsonNode.DeepEquals(now, was)) continue;
            changed |= 1 << column;
            parameters.Add((JsonColumns[column].Parameter, SqliteValues.Utf8Json(now)));
        }
        return write.Command(UpdateSql[changed], [.. parameters]).ExecuteNonQuery() == 1;
    }

    /// <summary>The record's JSON columns, which a turn rewrites only when it changed them.</summary>
    private static readonly (string Column, string Parameter, Func<ConversationRecord, JsonNode?> Of)[] JsonColumns =
    [
        ("answers_json", "$answers", r => r.Answers), ("outcome_json", "$outcome", r => r.Outcome), ("contact_json", "$contact", r => r.Contact),
        ("reference_json", "$reference", r => r.ConversationReference), ("meeting_json", "$meeting", r => r.Meeting),
    ];

    /// <summary>One statement per set of changed JSON columns (32), so each stays prepared on the writer.</summary>
    private static readonly string[] UpdateSql = Enumerable.Range(0, 1 << JsonColumns.Length).Select(changed =>
        "UPDATE conversations SET conversation_type = $type, tenant_id = $tenant, user_id = $user, user_name = $name, last_activity_at = $last, "
        + "message_count = $count, consent = $consent, outcome_model = $model, outcome_phase = $phase, company = $company, email = $email, "
        + "contact_name = $contactName, questions_answered = $answered, finished = $finished, search_text = $search"
        + string.Concat(JsonColumns.Where((_, column) => (changed & (1 << column)) != 0).Select(c => $", {c.Column} = CAST({c.Parameter} AS TEXT)"))
        + " WHERE id = $id AND last_activity_at = $keptLast AND message_count = $keptCount").ToArray();

    /// <summary>The record is gone (erased): nothing of it stays in this process either.</summary>
    internal void Forget(string id) => _kept.Forget(id);

    /// <summary>A record as this process last read or saved it, with its last activity as the row holds it.</summary>
    private sealed record KeptRecord(ConversationRecord Record, string LastActivityAt);

    public Task<FollowUpResult> UpdateFollowUpAsync(string id, Func<FollowUp, FollowUp> change, long? expectedVersion, CancellationToken cancellationToken) =>
        database.Writes.ExecuteAsync("conversations.followup", write =>
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
                ("$id", id), ("$status", changed.Status.ToString()), ("$owner", changed.Owner?.Id), ("$json", JsonSerializer.Serialize(changed, BotJson.Options)),
                ("$version", changed.Version)).ExecuteNonQuery();
            return new FollowUpResult(FollowUpOutcome.Updated, record with { FollowUp = changed });
        }, cancellationToken, severalStatements: true);

    public Task<ConversationPage> QueryAsync(ConversationQuery query, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        foreach (var condition in query.Conditions()) where.Add(Sql(condition, parameters));
        if (ContinuationToken.Decode(query.ContinuationToken) is { } after)
        {
            where.Add("(last_activity_at < $afterAt OR (last_activity_at = $afterAt AND id < $afterId))");
            parameters.Add(("$afterAt", after.First));
            parameters.Add(("$afterId", after.Second));
        }
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        parameters.Add(("$limit", pageSize + 1));
        // Newest first with the id as tie-break, both descending: one backward walk of ix_conversations_last_activity.
        var sql = $"SELECT {RecordColumns} FROM conversations"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY last_activity_at DESC, id DESC LIMIT $limit";

        return database.ReadAsync("conversations.query", session =>
        {
            var records = new List<ConversationRecord>();
            using (var reader = session.Command(sql, parameters.ToArray()).ExecuteReader())
            {
                while (reader.Read()) records.Add(ReadRecord(reader));
            }
            string? continuation = null;
            if (records.Count > pageSize)
            {
                records.RemoveAt(records.Count - 1);
                continuation = ContinuationToken.Encode(SqliteValues.Format(records[^1].LastActivityAt), records[^1].Id);
            }
            return new ConversationPage(records, continuation);
        }, cancellationToken);
    }

    /// <summary>A condition of the sales list as SQL, its values added as parameters.</summary>
    private static string Sql(FilterCondition condition, List<(string, object?)> parameters)
    {
        var column = condition.Field switch
        {
            RecordField.StartedAt => "started_at",
            RecordField.LastActivityAt => "last_activity_at",
            RecordField.Status => "follow_up_status",
            RecordField.OutcomeModel => "outcome_model",
            RecordField.OutcomePhase => "outcome_phase",
            RecordField.ChannelId => "channel_id",
            RecordField.OwnerId => "owner_id",
            RecordField.Consent => "consent",
            RecordField.Contact => "contact_json",
            RecordField.Email => "email",
            RecordField.SearchText => "search_text",
            RecordField.LiveChat => "json_extract(follow_up_json, '$.liveChatAt')",
            RecordField.Finished => "finished",
            RecordField.QuestionsAnswered => "questions_answered",
            _ => throw new NotSupportedException($"The sales list cannot filter on {condition.Field}."),
        };
        string Parameter(object? value)
        {
            var name = "$p" + parameters.Count;
            parameters.Add((name, value is DateTimeOffset at ? SqliteValues.Format(at) : value));
            return name;
        }
        return condition.Operator switch
        {
            FilterOperator.AtLeast => $"{column} >= {Parameter(condition.Value)}",
            FilterOperator.Before => $"{column} < {Parameter(condition.Value)}",
            FilterOperator.Is => $"{column} = {Parameter(condition.Value)}",
            FilterOperator.IsIgnoringCase => $"{column} = {Parameter(condition.Value)} COLLATE NOCASE",
            FilterOperator.IsAnyOf => $"{column} IN ({string.Join(", ", ((IReadOnlyList<string>)condition.Value!).Select(v => Parameter(v)))})",
            FilterOperator.IsMissing => $"{column} IS NULL",
            FilterOperator.IsPresent => $"{column} IS NOT NULL",
            FilterOperator.Contains => $"instr({column}, {Parameter(condition.Value)}) > 0",
            FilterOperator.IsNumber => $"{column} = {Parameter(condition.Value)}",
            _ => throw new NotSupportedException($"Unknown filter operator {condition.Operator}."),
        };
    }

    internal static ConversationRecord ReadRecord(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        ConversationId = reader.GetString(1),
        ChannelId = reader.GetString(2),
        ConversationType = SqliteValues.NullableString(reader, 3),
        TenantId = SqliteValues.NullableString(reader, 4),
        UserId = SqliteValues.NullableString(reader, 5),
        UserName = SqliteValues.NullableString(reader, 6),
        StartedAt = SqliteValues.Parse(reader.GetString(7)),
        LastActivityAt = SqliteValues.Parse(reader.GetString(8)),
        MessageCount = reader.GetInt32(9),
        Consent = Enum.Parse<Consent>(reader.GetString(10)),
        Answers = SqliteValues.NullableJson(reader, 11),
        Outcome = SqliteValues.NullableJson(reader, 12),
        OutcomeModel = SqliteValues.NullableString(reader, 13),
        Contact = SqliteValues.NullableJson(reader, 14),
        FollowUp = (SqliteValues.NullableString(reader, 16) is { } json ? JsonSerializer.Deserialize<FollowUp>(json, BotJson.Options)! : FollowUp.FromLegacyNotes(SqliteValues.NullableString(reader, 25), SqliteValues.Parse(reader.GetString(8))))
            with { Status = FollowUp.ParseStatus(reader.GetString(15)), Version = reader.GetInt64(17) },
        ConversationReference = SqliteValues.NullableJson(reader, 18),
        OutcomePhase = SqliteValues.NullableString(reader, 19),
        Company = SqliteValues.NullableString(reader, 20),
        Email = SqliteValues.NullableString(reader, 21),
        ContactName = SqliteValues.NullableString(reader, 22),
        QuestionsAnswered = reader.GetInt32(23),
        Finished = reader.GetInt32(24) != 0,
        Meeting = SqliteValues.NullableJson(reader, 26),
    };
}
