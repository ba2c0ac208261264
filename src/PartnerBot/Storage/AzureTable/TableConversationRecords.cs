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
/// <param name="turnReads">Where the state row read with the record waits for <see cref="TableStateStore"/>.</param>
public sealed class TableConversationRecords(AzureTableContext context, TurnReadCache turnReads) : IConversationRecords
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
    /// start); the state is handed to <see cref="TableStateStore"/> through the turn reads.
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
        turnReads.Remember(id, state);
        if (_readForTurn.Count >= MaxRemembered) _readForTurn.Clear();
        _readForTurn[id] = entity;
        return entity is null ? null : TableRecordEntities.FromEntity(entity);
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
            // 409/412: someone wrote the row since it was read. 404: it was erased meanwhile. Either way, read it again.
            catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412 && attempt < MaxAttempts)
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
            FollowUp = TableRecordEntities.ReadFollowUp(existing),
        };
        var (indexPartition, indexRow) = IndexKeyOf(merged);
        var row = TableRecordEntities.ToEntity(merged, KeyOf(record.Id));
        row["IndexPartition"] = indexPartition;
        row["IndexRow"] = indexRow;
        return new PreparedSave(row, existing, indexPartition, indexRow, merged);
    }

    /// <summary>After the record row is written: the month is known to the list, and the list's index row moves to the new time.</summary>
    internal async Task CompleteSaveAsync(PreparedSave save, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(save.IndexPartition, cancellationToken);
        await MoveIndexAsync(save.Existing?.GetString("IndexPartition"), save.Existing?.GetString("IndexRow"), TableRecordEntities.ToEntity(save.Merged, (save.IndexPartition, save.IndexRow)), cancellationToken);
    }

    public Task<FollowUpResult> UpdateFollowUpAsync(string id, Func<FollowUp, FollowUp> change, long? expectedVersion, CancellationToken cancellationToken) =>
        context.RunAsync("conversations.followup", async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var existing = await ReadRowAsync(id, cancellationToken);
                if (existing is null) return FollowUpResult.NotFound;
                var record = TableRecordEntities.FromEntity(existing);
                if (expectedVersion is { } expected && expected != record.FollowUp.Version) return new FollowUpResult(FollowUpOutcome.Conflict, record);
                var changed = change(record.FollowUp);
                if (changed == record.FollowUp) return new FollowUpResult(FollowUpOutcome.Updated, record);
                changed = changed with { Version = record.FollowUp.Version + 1 };
                try
                {
                    // With the row's ETag: a turn or another salesperson that saved meanwhile makes this read again.
                    await context.Conversations.UpdateEntityAsync(TableRecordEntities.SalesFields(existing.PartitionKey, existing.RowKey, changed), existing.ETag, TableUpdateMode.Merge, cancellationToken);
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
        var after = ContinuationToken.Decode(query.ContinuationToken, IsBucket) is { } token ? (Bucket: token.First, Row: token.Second) : ((string Bucket, string Row)?)null;
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        return context.RunAsync("conversations.query", async () =>
        {
            var buckets = await ReadBucketsAsync(cancellationToken);
            var found = new List<(string Bucket, string Row, ConversationRecord Record)>();
            if (buckets is { } range)
            {
                var oldest = query.From is { } from && Bucket(from).CompareTo(range.Oldest) > 0 ? Bucket(from) : range.Oldest;
                var bucket = after is { } start && start.Bucket.CompareTo(range.Newest) < 0 ? start.Bucket : range.Newest;
                for (; found.Count <= pageSize && bucket.CompareTo(oldest) >= 0; bucket = PreviousBucket(bucket))
                {
                    var (filter, remaining) = Filter(query, bucket, after is { } position && position.Bucket == bucket ? position.Row : null);
                    var checkRows = remaining.Count > 0;
                    await foreach (var entity in context.Leads.QueryAsync<TableEntity>(filter, maxPerPage: Math.Max(pageSize + 1 - found.Count, checkRows ? 1000 : 1), cancellationToken: cancellationToken))
                    {
                        var record = TableRecordEntities.FromEntity(entity);
                        if (!remaining.All(condition => condition.Holds(record))) continue;
                        found.Add((bucket, entity.RowKey, record));
                        if (found.Count > pageSize) break;
                    }
                }
            }
            string? continuation = null;
            if (found.Count > pageSize)
            {
                found.RemoveAt(found.Count - 1);
                continuation = ContinuationToken.Encode(found[^1].Bucket, found[^1].Row);
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
                await context.Leads.UpdateEntityAsync(TableRecordEntities.SalesFields(partition, row, followUp), ETag.All, TableUpdateMode.Merge, cancellationToken);
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

    /// <summary>
    /// The query as a filter on one month's index partition: each condition of <see cref="ConversationQuery.Conditions"/>
    /// that OData can state. The others (free text, a missing owner or contact, an e-mail in any case) are checked on
    /// the rows returned, since Table filters cannot state them and older rows lack those properties.
    /// </summary>
    private static (string Filter, IReadOnlyList<FilterCondition> Remaining) Filter(ConversationQuery query, string bucket, string? afterRow)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {bucket}") };
        if (afterRow is not null) clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {afterRow}"));
        var remaining = new List<FilterCondition>();
        foreach (var condition in query.Conditions())
        {
            if (OData(condition) is { } clause) clauses.Add(clause);
            else remaining.Add(condition);
        }
        return (string.Join(" and ", clauses), remaining);
    }

    private static string? OData(FilterCondition condition)
    {
        var property = condition.Field switch
        {
            RecordField.StartedAt => "StartedAt",
            RecordField.LastActivityAt => "LastActivityAt",
            RecordField.Status => "FollowUpStatus",
            RecordField.OutcomeModel => "OutcomeModel",
            RecordField.OutcomePhase => "OutcomePhase",
            RecordField.ChannelId => "ChannelId",
            RecordField.OwnerId => "OwnerId",
            RecordField.Consent => "Consent",
            RecordField.QuestionsAnswered => "QuestionsAnswered",
            _ => null,
        };
        if (property is null) return null;
        // The value is formatted and escaped by the client library; the property name is one of the literals above.
        string Literal(object value) => TableClient.CreateQueryFilter($"{value}");
        return condition.Operator switch
        {
            FilterOperator.AtLeast => $"{property} ge {Literal(condition.Value!)}",
            FilterOperator.Before => $"{property} lt {Literal(condition.Value!)}",
            FilterOperator.Is => $"{property} eq {Literal(condition.Value!)}",
            FilterOperator.IsNumber => $"{property} eq {TableClient.CreateQueryFilter($"{(int)(long)condition.Value!}")}",
            FilterOperator.IsAnyOf => "(" + string.Join(" or ", ((IReadOnlyList<string>)condition.Value!).Select(v => $"{property} eq {Literal(v)}")) + ")",
            _ => null,
        };
    }

    private static bool IsBucket(string bucket, string row) =>
        DateTime.TryParseExact(bucket, BucketFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // ---- entities ----

    private async Task<TableEntity?> ReadRowAsync(string id, CancellationToken cancellationToken)
    {
        var (partition, row) = KeyOf(id);
        var response = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
