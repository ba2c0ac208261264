using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Conversation records on the embedded store: the bot's fields written with each turn, sales' follow-up changed
/// only through a versioned update, and the sales list's filters translated to SQL from <see cref="ConversationQuery.Conditions"/>.
/// </summary>
public sealed class SqliteConversationRecords(SqliteDatabase database) : IConversationRecords
{
    internal const string RecordColumns =
        "id, conversation_id, channel_id, conversation_type, tenant_id, user_id, user_name, started_at, last_activity_at, message_count, consent, answers_json, outcome_json, outcome_model, contact_json, follow_up_status, follow_up_json, sales_version, reference_json, outcome_phase, company, email, contact_name, questions_answered, finished, notes, meeting_json";

    private const string SaveRecordSql =
        """
        INSERT INTO conversations (id, conversation_id, channel_id, conversation_type, tenant_id, user_id, user_name, started_at, last_activity_at,
            message_count, consent, answers_json, outcome_json, outcome_model, contact_json, follow_up_status, reference_json,
            outcome_phase, company, email, contact_name, questions_answered, finished, search_text, meeting_json)
        VALUES ($id, $conversation, $channel, $type, $tenant, $user, $name, $started, $last, $count, $consent, $answers, $outcome, $model, $contact, 'New', $reference,
            $phase, $company, $email, $contactName, $answered, $finished, $search, $meeting)
        ON CONFLICT (id) DO UPDATE SET
            conversation_type = $type, tenant_id = $tenant, user_id = $user, user_name = $name,
            last_activity_at = $last, message_count = $count, consent = $consent, answers_json = $answers,
            outcome_json = $outcome, outcome_model = $model, contact_json = $contact, reference_json = $reference,
            outcome_phase = $phase, company = $company, email = $email, contact_name = $contactName,
            questions_answered = $answered, finished = $finished, search_text = $search, meeting_json = $meeting
        """;

    public Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken) => database.ReadAsync("conversations.get", connection =>
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
            ("$started", SqliteValues.Format(record.StartedAt)), ("$last", SqliteValues.Format(record.LastActivityAt)), ("$count", record.MessageCount),
            ("$consent", record.Consent.ToString()), ("$answers", record.Answers?.ToJsonString()), ("$outcome", record.Outcome?.ToJsonString()),
            ("$model", record.OutcomeModel), ("$contact", record.Contact?.ToJsonString()), ("$reference", record.ConversationReference?.ToJsonString()),
            ("$phase", record.OutcomePhase), ("$company", record.Company), ("$email", record.Email), ("$contactName", record.ContactName),
            ("$answered", record.QuestionsAnswered), ("$finished", record.Finished ? 1 : 0), ("$search", record.SearchText),
            ("$meeting", record.Meeting?.ToJsonString()),
        ];
        return database.Writes.ExecuteAsync("conversations.save", write => write.Command(SaveRecordSql, parameters).ExecuteNonQuery(), cancellationToken);
    }

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
