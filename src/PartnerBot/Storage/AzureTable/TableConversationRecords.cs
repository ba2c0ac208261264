using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Conversation records (leads). The record is a row <c>s:{id}!record</c> in its conversation's partition, next to
/// the same subject's dialog state, and a copy sits in the leads table under the month of its last activity with an inverted
/// tick row key, so the sales list reads newest first, bucket by bucket, with keyset paging and no table scan.
/// The record's row names its current index row; a turn moves the index row when the last activity changes.
/// Sales' fields (the follow-up) are only ever changed by <see cref="UpdateFollowUpAsync"/>; a turn
/// writes them back as it read them, with the record's ETag, so a concurrent sales update is never lost.
/// </summary>
public sealed class TableConversationRecords(AzureTableContext context) : IConversationRecords
{
    public const string Kind = "record";

    private const int MaxAttempts = 5;
    internal const string BucketFormat = "yyyy-MM";
    internal const string MetaPartition = "meta";
    private const string MetaRow = "buckets";

    /// <summary>Bounds <see cref="_readForTurn"/> when reads are not followed by saves (sales looking at records).</summary>
    private const int MaxRemembered = 10_000;

    private readonly SemaphoreSlim _bucketsLock = new(1, 1);

    /// <summary>
    /// The row a turn read at its start, with its ETag, so the turn's save needs no second read. A row changed
    /// meanwhile (another instance, or sales) fails the save's ETag check and is read again. A record that was not
    /// there is remembered too (null): the first save is then an insert, which fails (and reads again) should
    /// another instance have created the record meanwhile.
    /// </summary>
    private readonly ConcurrentDictionary<string, TableEntity?> _readForTurn = new();
    private (string Oldest, string Newest)? _knownBuckets;

    public static (string PartitionKey, string RowKey) KeyOf(string id) => (TableKeys.PartitionForKey(id), TableKeys.SubjectRow(id, Kind));

    /// <summary>
    /// One range query reads the record and the dialog state of the same subject (a turn reads both at its
    /// start); the state is handed to <see cref="TableStateStore"/> through <see cref="AzureTableContext.TurnReads"/>.
    /// </summary>
    public Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken) => context.RunAsync("conversations.get", async () =>
    {
        var partition = TableKeys.PartitionForKey(id);
        var (from, to) = TableKeys.SubjectRange(id);
        TableEntity? entity = null, state = null;
        await foreach (var row in context.Conversations.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == KeyOf(id).RowKey) entity = row;
            else if (row.RowKey == TableStateStore.KeyOf(id).RowKey) state = row;
        }
        context.TurnReads.Remember(id, state);
        if (_readForTurn.Count >= MaxRemembered) _readForTurn.Clear();
        _readForTurn[id] = entity;
        return entity is null ? null : FromEntity(entity);
    }, cancellationToken);

    public Task SaveFromTurnAsync(ConversationRecord record, CancellationToken cancellationToken) => context.RunAsync("conversations.save", async () =>
    {
        for (var attempt = 1; ; attempt++)
        {
            var save = await PrepareSaveAsync(record, attempt == 1, cancellationToken);
            try
            {
                if (save.Existing is null) await context.Conversations.AddEntityAsync(save.Row, cancellationToken);
                else await context.Conversations.UpdateEntityAsync(save.Row, save.Existing.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                continue;
            }
            await CompleteSaveAsync(save, cancellationToken);
            return;
        }
    }, cancellationToken);

    /// <summary>A record save made ready for a transaction: the row, the row it replaces (its ETag guards the write) and the index row's place.</summary>
    internal sealed record PreparedSave(TableEntity Row, TableEntity? Existing, string IndexPartition, string IndexRow, ConversationRecord Merged);

    /// <summary>
    /// Merges what the turn has with what is stored (where and when it started stays as the first turn set it;
    /// sales own the follow-up), using the row the turn read at its start when <paramref name="useTurnRead"/>.
    /// </summary>
    internal async Task<PreparedSave> PrepareSaveAsync(ConversationRecord record, bool useTurnRead, CancellationToken cancellationToken)
    {
        var existing = useTurnRead && _readForTurn.TryRemove(record.Id, out var remembered) ? remembered : await ReadRowAsync(record.Id, cancellationToken);
        var merged = existing is null ? record : record with
        {
            ConversationId = existing.GetString("ConversationId"),
            ChannelId = existing.GetString("ChannelId"),
            StartedAt = existing.GetDateTimeOffset("StartedAt") ?? record.StartedAt,
            FollowUp = ReadFollowUp(existing),
        };
        var (indexPartition, indexRow) = IndexKeyOf(merged);
        var row = ToEntity(merged, KeyOf(record.Id));
        row["IndexPartition"] = indexPartition;
        row["IndexRow"] = indexRow;
        return new PreparedSave(row, existing, indexPartition, indexRow, merged);
    }

    /// <summary>After the record row is written: the month is known to the list, and the list's index row moves to the new time.</summary>
    internal async Task CompleteSaveAsync(PreparedSave save, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(save.IndexPartition, cancellationToken);
        await MoveIndexAsync(save.Existing?.GetString("IndexPartition"), save.Existing?.GetString("IndexRow"), ToEntity(save.Merged, (save.IndexPartition, save.IndexRow)), cancellationToken);
    }

    public Task<FollowUpResult> UpdateFollowUpAsync(string id, Func<FollowUp, FollowUp> change, long? expectedVersion, CancellationToken cancellationToken) =>
        context.RunAsync("conversations.followup", async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var existing = await ReadRowAsync(id, cancellationToken);
                if (existing is null) return FollowUpResult.NotFound;
                var record = FromEntity(existing);
                if (expectedVersion is { } expected && expected != record.FollowUp.Version) return new FollowUpResult(FollowUpOutcome.Conflict, record);
                var changed = change(record.FollowUp);
                if (changed == record.FollowUp) return new FollowUpResult(FollowUpOutcome.Updated, record);
                changed = changed with { Version = record.FollowUp.Version + 1 };
                try
                {
                    // With the row's ETag: a turn or another salesperson that saved meanwhile makes this read again.
                    await context.Conversations.UpdateEntityAsync(SalesFields(existing.PartitionKey, existing.RowKey, changed), existing.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                catch (RequestFailedException exception) when (exception.Status is 412 or 404 && attempt < MaxAttempts)
                {
                    continue;
                }
                await UpdateIndexAsync(id, changed, cancellationToken);
                return new FollowUpResult(FollowUpOutcome.Updated, record with { FollowUp = changed });
            }
        }, cancellationToken);

    public Task<ConversationPage> QueryAsync(ConversationQuery query, CancellationToken cancellationToken)
    {
        var after = DecodeContinuation(query.ContinuationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        return context.RunAsync("conversations.query", async () =>
        {
            var buckets = await ReadBucketsAsync(cancellationToken);
            // Free text cannot be a Table filter; "nobody's", the contact flag and the e-mail are checked here too, since
            // rows written before those properties existed lack them.
            var terms = query.SearchTerms().Count > 0 || query.OwnerId == ConversationQuery.Unowned || query.ContactRequested is not null || query.Email is not null;
            var found = new List<(string Bucket, string Row, ConversationRecord Record)>();
            if (buckets is { } range)
            {
                var oldest = query.From is { } from && Bucket(from).CompareTo(range.Oldest) > 0 ? Bucket(from) : range.Oldest;
                var bucket = after is { } start && start.Bucket.CompareTo(range.Newest) < 0 ? start.Bucket : range.Newest;
                for (; found.Count <= pageSize && bucket.CompareTo(oldest) >= 0; bucket = PreviousBucket(bucket))
                {
                    var filter = Filter(query, bucket, after is { } position && position.Bucket == bucket ? position.Row : null);
                    // The service filters all but the free-text search, which Table queries cannot express.
                    await foreach (var entity in context.Leads.QueryAsync<TableEntity>(filter, maxPerPage: Math.Max(pageSize + 1 - found.Count, terms ? 1000 : 1), cancellationToken: cancellationToken))
                    {
                        var record = FromEntity(entity);
                        if (terms && !query.Matches(record)) continue;
                        found.Add((bucket, entity.RowKey, record));
                        if (found.Count > pageSize) break;
                    }
                }
            }
            string? continuation = null;
            if (found.Count > pageSize)
            {
                found.RemoveAt(found.Count - 1);
                continuation = EncodeContinuation(found[^1].Bucket, found[^1].Row);
            }
            return new ConversationPage(found.Select(f => f.Record).ToList(), continuation);
        }, cancellationToken);
    }

    // ---- the leads index ----

    private static (string Partition, string Row) IndexKeyOf(ConversationRecord record)
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - record.LastActivityAt.UtcTicks;
        return (Bucket(record.LastActivityAt), $"{inverted.ToString("D19", CultureInfo.InvariantCulture)}:{TableKeys.Encode(record.Id)}");
    }

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);

    private static string PreviousBucket(string bucket) =>
        DateTime.ParseExact(bucket, BucketFormat, CultureInfo.InvariantCulture).AddMonths(-1).ToString(BucketFormat, CultureInfo.InvariantCulture);

    private async Task MoveIndexAsync(string? oldPartition, string? oldRow, TableEntity index, CancellationToken cancellationToken)
    {
        var moved = oldPartition is not null && oldRow is not null && (oldPartition, oldRow) != (index.PartitionKey, index.RowKey);
        if (moved && oldPartition == index.PartitionKey)
        {
            try
            {
                await context.Leads.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, index),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(oldPartition, oldRow), ETag.All),
                ], cancellationToken);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404)
            {
                // The old index row is already gone (an earlier attempt got that far); just write the new one.
            }
        }
        await context.Leads.UpsertEntityAsync(index, TableUpdateMode.Replace, cancellationToken);
        if (!moved || oldPartition == index.PartitionKey) return;
        try
        {
            await context.Leads.DeleteEntityAsync(oldPartition, oldRow, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Already gone: retention removes a row its record no longer names once the named row exists.
        }
    }

    /// <summary>
    /// Copies sales' change to the index row the record names. A turn may be moving that row right now (the record
    /// already names the new row, which is not written yet): then the record is read again and the copy retried.
    /// </summary>
    private async Task UpdateIndexAsync(string id, FollowUp followUp, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var record = await ReadRowAsync(id, cancellationToken);
            if (record?.GetString("IndexPartition") is not { } partition || record.GetString("IndexRow") is not { } row) return;
            try
            {
                await context.Leads.UpdateEntityAsync(SalesFields(partition, row, followUp), ETag.All, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Remembers which months hold index rows, so the list knows where to stop without scanning.</summary>
    private async Task EnsureBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        if (IsKnown(bucket)) return;
        await _bucketsLock.WaitAsync(cancellationToken);
        try
        {
            // The turns that waited here while the first one read the months need not read them again.
            if (IsKnown(bucket)) return;
            for (var attempt = 1; ; attempt++)
            {
                var meta = await context.Leads.GetEntityIfExistsAsync<TableEntity>(MetaPartition, MetaRow, cancellationToken: cancellationToken);
                var oldest = meta.HasValue ? meta.Value!.GetString("Oldest") : bucket;
                var newest = meta.HasValue ? meta.Value!.GetString("Newest") : bucket;
                if (bucket.CompareTo(oldest) < 0) oldest = bucket;
                if (bucket.CompareTo(newest) > 0) newest = bucket;
                if (meta.HasValue && oldest == meta.Value!.GetString("Oldest") && newest == meta.Value!.GetString("Newest"))
                {
                    _knownBuckets = (oldest, newest);
                    return;
                }
                var entity = new TableEntity(MetaPartition, MetaRow) { ["Oldest"] = oldest, ["Newest"] = newest };
                try
                {
                    if (meta.HasValue) await context.Leads.UpdateEntityAsync(entity, meta.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                    else await context.Leads.AddEntityAsync(entity, cancellationToken);
                    // Known only once stored: after a failed write the next save tries again.
                    _knownBuckets = (oldest, newest);
                    return;
                }
                catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
                {
                }
            }
        }
        finally
        {
            _bucketsLock.Release();
        }
    }

    private bool IsKnown(string bucket) =>
        _knownBuckets is { } known && bucket.CompareTo(known.Oldest) >= 0 && bucket.CompareTo(known.Newest) <= 0;

    private Task<(string Oldest, string Newest)?> ReadBucketsAsync(CancellationToken cancellationToken) => ReadBucketsAsync(context, cancellationToken);

    /// <summary>The oldest and newest month the leads index uses (<c>yyyy-MM</c>), or null before the first record.</summary>
    internal static async Task<(string Oldest, string Newest)?> ReadBucketsAsync(AzureTableContext context, CancellationToken cancellationToken)
    {
        var meta = await context.Leads.GetEntityIfExistsAsync<TableEntity>(MetaPartition, MetaRow, cancellationToken: cancellationToken);
        return meta.HasValue ? (meta.Value!.GetString("Oldest"), meta.Value!.GetString("Newest")) : null;
    }

    /// <summary>Removes the index row a record row names (nothing when it names none, or the row is gone already).</summary>
    internal static async Task DeleteIndexRowAsync(AzureTableContext context, TableEntity record, CancellationToken cancellationToken)
    {
        if (record.GetString("IndexPartition") is not { } partition || record.GetString("IndexRow") is not { } row) return;
        try
        {
            await context.Leads.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
    }

    private static string Filter(ConversationQuery query, string bucket, string? afterRow)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {bucket}") };
        if (afterRow is not null) clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {afterRow}"));
        if (query.From is { } from) clauses.Add(TableClient.CreateQueryFilter($"StartedAt ge {from}"));
        if (query.To is { } to) clauses.Add(TableClient.CreateQueryFilter($"StartedAt lt {to}"));
        if (query.Status is { } status) clauses.Add(TableClient.CreateQueryFilter($"FollowUpStatus eq {status.ToString()}"));
        if (query.OutcomeModel is { } model) clauses.Add(TableClient.CreateQueryFilter($"OutcomeModel eq {model}"));
        if (query.OutcomePhase is { } phase) clauses.Add(TableClient.CreateQueryFilter($"OutcomePhase eq {phase}"));
        if (query.Consent is { } consent) clauses.Add(TableClient.CreateQueryFilter($"Consent eq {consent.ToString()}"));
        if (query.OwnerId is { } owner && owner != ConversationQuery.Unowned) clauses.Add(TableClient.CreateQueryFilter($"OwnerId eq {owner}"));
        if (query.Channels is { Count: > 0 } channels)
        {
            clauses.Add("(" + string.Join(" or ", channels.Select(c => TableClient.CreateQueryFilter($"ChannelId eq {c}"))) + ")");
        }
        return string.Join(" and ", clauses);
    }

    private static string EncodeContinuation(string bucket, string row) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { bucket, row })));

    private static (string Bucket, string Row)? DecodeContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            if (parts is not { Length: 2 } || !DateTime.TryParseExact(parts[0], BucketFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) throw new FormatException();
            return (parts[0], parts[1]);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), exception);
        }
    }

    // ---- entities ----

    private async Task<TableEntity?> ReadRowAsync(string id, CancellationToken cancellationToken)
    {
        var (partition, row) = KeyOf(id);
        var response = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Sales' properties of a record or index row: the status and owner to filter on, the whole follow-up, its version.</summary>
    private static TableEntity SalesFields(string partition, string row, FollowUp followUp)
    {
        var change = new TableEntity(partition, row)
        {
            ["FollowUpStatus"] = followUp.Status.ToString(),
            ["OwnerId"] = followUp.Owner?.Id ?? "",
            ["SalesVersion"] = followUp.Version,
        };
        TablePayload.Write(change, "FollowUp", JsonSerializer.Serialize(followUp, PartnerBot.BotFramework.Schema.ActivityJson.Options));
        return change;
    }

    /// <summary>The follow-up, also of rows written before it existed (a notes property, the status "Closed").</summary>
    private static FollowUp ReadFollowUp(TableEntity entity) =>
        (TablePayload.Read(entity, "FollowUp") is { } json
            ? JsonSerializer.Deserialize<FollowUp>(json, PartnerBot.BotFramework.Schema.ActivityJson.Options)!
            : FollowUp.FromLegacyNotes(entity.GetString("Notes"), entity.GetDateTimeOffset("LastActivityAt") ?? default))
            with { Status = FollowUp.ParseStatus(entity.GetString("FollowUpStatus")), Version = entity.GetInt64("SalesVersion") ?? 0 };

    private static TableEntity ToEntity(ConversationRecord record, (string Partition, string Row) key)
    {
        var entity = new TableEntity(key.Partition, key.Row)
        {
            ["Id"] = record.Id,
            ["ConversationId"] = record.ConversationId,
            ["ChannelId"] = record.ChannelId,
            ["ConversationType"] = record.ConversationType,
            ["TenantId"] = record.TenantId,
            ["UserId"] = record.UserId,
            ["UserName"] = record.UserName,
            ["StartedAt"] = record.StartedAt,
            ["LastActivityAt"] = record.LastActivityAt,
            ["MessageCount"] = record.MessageCount,
            ["Consent"] = record.Consent.ToString(),
            ["OutcomeModel"] = record.OutcomeModel,
            ["OutcomePhase"] = record.OutcomePhase,
            ["Company"] = record.Company,
            ["Email"] = record.Email,
            ["EmailKey"] = record.Email?.ToLowerInvariant(),
            ["ContactName"] = record.ContactName,
            ["ContactRequested"] = record.ContactRequested,
            ["QuestionsAnswered"] = record.QuestionsAnswered,
            ["Finished"] = record.Finished,
        };
        foreach (var (name, value) in SalesFields(key.Partition, key.Row, record.FollowUp)) entity[name] = value;
        TablePayload.Write(entity, "Answers", record.Answers?.ToJsonString());
        TablePayload.Write(entity, "Outcome", record.Outcome?.ToJsonString());
        TablePayload.Write(entity, "Contact", record.Contact?.ToJsonString());
        TablePayload.Write(entity, "Reference", record.ConversationReference?.ToJsonString());
        return entity;
    }

    internal static ConversationRecord FromEntity(TableEntity entity) => new()
    {
        Id = entity.GetString("Id"),
        ConversationId = entity.GetString("ConversationId"),
        ChannelId = entity.GetString("ChannelId"),
        ConversationType = entity.GetString("ConversationType"),
        TenantId = entity.GetString("TenantId"),
        UserId = entity.GetString("UserId"),
        UserName = entity.GetString("UserName"),
        StartedAt = entity.GetDateTimeOffset("StartedAt") ?? default,
        LastActivityAt = entity.GetDateTimeOffset("LastActivityAt") ?? default,
        MessageCount = entity.GetInt32("MessageCount") ?? 0,
        Consent = Enum.Parse<Consent>(entity.GetString("Consent")),
        Answers = Json(TablePayload.Read(entity, "Answers")),
        Outcome = Json(TablePayload.Read(entity, "Outcome")),
        OutcomeModel = entity.GetString("OutcomeModel"),
        Contact = Json(TablePayload.Read(entity, "Contact")),
        OutcomePhase = entity.GetString("OutcomePhase"),
        // Rows from before these properties have them only in the contact details.
        Company = entity.GetString("Company") ?? ContactText(entity, "company"),
        Email = entity.GetString("Email") ?? ContactText(entity, "email"),
        ContactName = entity.GetString("ContactName") ?? ContactText(entity, "name"),
        QuestionsAnswered = entity.GetInt32("QuestionsAnswered") ?? 0,
        Finished = entity.GetBoolean("Finished") ?? false,
        FollowUp = ReadFollowUp(entity),
        ConversationReference = Json(TablePayload.Read(entity, "Reference")),
    };

    private static JsonNode? Json(string? text) => text is null ? null : JsonNode.Parse(text);

    private static string? ContactText(TableEntity entity, string name) =>
        entity.ContainsKey("Company") || TablePayload.Read(entity, "Contact") is not { } contact ? null
            : JsonNode.Parse(contact)?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
