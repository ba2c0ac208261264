using Azure;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Retention for the Azure Table provider, with the same rules as the embedded store (<see cref="RetentionCutoffs"/>).
/// Table storage has no secondary index to ask "what is older than X", so one purge reads the conversations table
/// once, keys and a few small properties only, a partition (a conversation) at a time, decides what has expired,
/// and deletes it with entity-group transactions in that partition. The purge runs every interval in the
/// background, never on a turn's path.
/// <para>
/// A prospect who comes back while the purge runs keeps everything: a conversation record and its dialog state are
/// deleted with the ETags they were read with, first and together, so a turn that changed either makes the whole
/// partition wait for the next purge.
/// </para>
/// </summary>
public sealed class TableRetention(AzureTableContext context) : IRetentionStore
{
    private const int MaxBatch = 100;

    private static readonly string[] Columns =
    [
        "PartitionKey", "RowKey", "Id", "Key", "Subject", "Consent", "LastActivityAt", "MessageCount", "LoggedAt",
        "RecordedAt", "UpdatedAt", "CreatedAt", "LastWatermark", "LogRow", "IndexPartition", "IndexRow",
    ];

    public Task<RetentionReport> PurgeAsync(RetentionCutoffs cutoffs, CancellationToken cancellationToken) => context.RunAsync("retention.purge", async () =>
    {
        var report = RetentionReport.None;
        var partition = new List<TableEntity>();
        var indexRows = new Dictionary<string, (string? Partition, string? Row)>(StringComparer.Ordinal);
        // Rows come ordered by partition, then row; a partition is judged once all of its rows have been seen.
        await foreach (var row in context.Conversations.QueryAsync<TableEntity>(filter: (string?)null, select: Columns, cancellationToken: cancellationToken))
        {
            if (partition.Count > 0 && partition[0].PartitionKey != row.PartitionKey)
            {
                report = report.Add(await PurgePartitionAsync(partition, cutoffs, cancellationToken));
                partition.Clear();
            }
            partition.Add(row);
            if (IsSubjectRow(row, TableConversationRecords.Kind) && row.GetString("Id") is { } id) indexRows[id] = (row.GetString("IndexPartition"), row.GetString("IndexRow"));
        }
        if (partition.Count > 0) report = report.Add(await PurgePartitionAsync(partition, cutoffs, cancellationToken));
        await DeleteLeftBehindIndexRowsAsync(indexRows, cancellationToken);
        return report;
    }, cancellationToken);

    /// <summary>
    /// The sales list's index rows that their record no longer names: what a move to another month leaves when its
    /// delete failed (the lead would be listed twice, once at its old time), or a row whose record is gone. The scan
    /// of the conversations table is only a first sieve (turns go on meanwhile): a row goes only when its record,
    /// read again now, is gone, or names another row that exists. A record that names no row (written before
    /// records did) keeps every row of its id, and so does one whose named row is missing (a move that failed
    /// before writing it): that row is still the lead's only place in the list. A failure here leaves the purge's
    /// report as it is; the next run tries again.
    /// </summary>
    private async Task DeleteLeftBehindIndexRowsAsync(Dictionary<string, (string? Partition, string? Row)> indexRows, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ne {TableConversationRecords.MetaPartition} and PartitionKey ne {TableErasure.ErasedPartition}");
        try
        {
            await foreach (var row in context.Leads.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Id"], cancellationToken: cancellationToken))
            {
                if (row.GetString("Id") is not { } id) continue;
                if (indexRows.TryGetValue(id, out var named) && (named.Partition is null || named.Row is null || (named.Partition, named.Row) == (row.PartitionKey, row.RowKey))) continue;
                if (await IsLeftBehindAsync(id, row, cancellationToken)) await DeleteIfUnchangedAsync(row, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or IOException)
        {
        }
    }

    private async Task<bool> IsLeftBehindAsync(string id, TableEntity row, CancellationToken cancellationToken)
    {
        var (partition, rowKey) = TableConversationRecords.KeyOf(id);
        var record = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ["IndexPartition", "IndexRow"], cancellationToken);
        // The record row is written before its index row and deleted before it: no record, no lead to list.
        if (!record.HasValue) return true;
        if (record.Value!.GetString("IndexPartition") is not { } namedPartition || record.Value.GetString("IndexRow") is not { } namedRow) return false;
        if ((namedPartition, namedRow) == (row.PartitionKey, row.RowKey)) return false;
        return (await context.Leads.GetEntityIfExistsAsync<TableEntity>(namedPartition, namedRow, ["PartitionKey"], cancellationToken)).HasValue;
    }

    /// <summary>With the ETag the row was read with: a row rewritten since is in use.</summary>
    private async Task DeleteIfUnchangedAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await context.Leads.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
        }
    }

    private async Task<RetentionReport> PurgePartitionAsync(List<TableEntity> rows, RetentionCutoffs cutoffs, CancellationToken cancellationToken)
    {
        var records = rows.Where(r => IsSubjectRow(r, TableConversationRecords.Kind)).ToList();
        var states = rows.Where(r => IsSubjectRow(r, TableStateStore.Kind)).ToList();
        var expired = records.Where(r => IsExpired(r, cutoffs)).ToList();
        var expiredIds = expired.Select(r => r.GetString("Id")).ToHashSet(StringComparer.Ordinal);
        var keptIds = records.Select(r => r.GetString("Id")).Where(id => !expiredIds.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var recordedIds = records.Select(r => r.GetString("Id")).ToHashSet(StringComparer.Ordinal);

        // The guarded part: expired records and their states with the ETags just read.
        var guarded = expired.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var statesGone = states.Where(s => expiredIds.Contains(s.GetString("Key"))
            || (!recordedIds.Contains(s.GetString("Key")) && s.GetDateTimeOffset("UpdatedAt") < cutoffs.AnonymousBefore)).ToList();
        guarded.UnionWith(statesGone.Select(s => s.RowKey));

        var meta = rows.FirstOrDefault(r => r.RowKey == "dl:meta");
        var nothingKept = keptIds.Count == 0;
        var wholeConversation = nothingKept && (expired.Count > 0
            || (meta is not null && meta.GetDateTimeOffset("CreatedAt") is { } created
                && (created < cutoffs.AnonymousBefore || ((meta.GetInt64("LastWatermark") ?? 0) == 0 && created < cutoffs.AbandonedBefore))));

        var gone = new List<TableEntity>();
        foreach (var row in rows)
        {
            if (guarded.Contains(row.RowKey)) continue;
            var delete = row.RowKey switch
            {
                var key when key.StartsWith(TableTurnLedger.RowPrefix, StringComparison.Ordinal) =>
                    wholeConversation || row.GetDateTimeOffset("RecordedAt") < cutoffs.LedgerBefore,
                var key when key.StartsWith(TableTranscriptStore.RowPrefix, StringComparison.Ordinal) =>
                    wholeConversation || expiredIds.Contains(row.GetString("Subject"))
                    || (!recordedIds.Contains(row.GetString("Subject")) && row.GetDateTimeOffset("LoggedAt") < cutoffs.AnonymousBefore),
                var key when key.StartsWith("dl:", StringComparison.Ordinal) => wholeConversation,
                _ => false,
            };
            if (delete) gone.Add(row);
        }
        // A retry marker goes with the transcript row it guards (or when that row is already gone).
        var logRowsLeft = rows.Where(r => r.RowKey.StartsWith(TableTranscriptStore.RowPrefix, StringComparison.Ordinal)).Select(r => r.RowKey)
            .Except(gone.Select(g => g.RowKey)).ToHashSet(StringComparer.Ordinal);
        gone.AddRange(rows.Where(r => r.RowKey.StartsWith(TableTranscriptStore.SeenPrefix, StringComparison.Ordinal)
            && (wholeConversation || r.GetString("LogRow") is not { } logRow || !logRowsLeft.Contains(logRow))));

        if (guarded.Count == 0 && gone.Count == 0) return RetentionReport.None;
        var guardedRows = rows.Where(r => guarded.Contains(r.RowKey)).ToList();
        if (!await DeleteGuardedAsync(guardedRows, cancellationToken))
        {
            // Something of this conversation changed since it was read: the prospect is back. Judge it next time.
            return RetentionReport.None;
        }
        await DeleteAsync(gone, cancellationToken);
        foreach (var record in expired)
        {
            await TableConversationRecords.DeleteIndexRowAsync(context, record, cancellationToken);
            // The lead's alert outbox rows (one per channel) go with it, as on SQLite.
            await TableLeadAlerts.DeleteForRecordAsync(context, record.GetString("Id"), cancellationToken);
            await TableLiveChats.DeleteForRecordAsync(context, record.GetString("Id"), cancellationToken);
            await TableWebhookOutbox.DeleteForRecordAsync(context, record.GetString("Id"), cancellationToken);
        }

        return new RetentionReport(
            expired.Count,
            gone.Count(r => r.RowKey.StartsWith(TableTranscriptStore.RowPrefix, StringComparison.Ordinal)),
            statesGone.Count,
            gone.Count(r => r.RowKey == "dl:meta"),
            gone.Count(r => r.RowKey.StartsWith(TableTurnLedger.RowPrefix, StringComparison.Ordinal)));
    }

    private static bool IsSubjectRow(TableEntity row, string kind) =>
        row.RowKey.StartsWith("s:", StringComparison.Ordinal) && row.RowKey.EndsWith("!" + kind, StringComparison.Ordinal);

    private static bool IsExpired(TableEntity record, RetentionCutoffs cutoffs)
    {
        var last = record.GetDateTimeOffset("LastActivityAt") ?? DateTimeOffset.MinValue;
        return record.GetString("Consent") == nameof(Consent.Granted)
            ? last < cutoffs.LeadsBefore
            : last < cutoffs.AnonymousBefore || ((record.GetInt32("MessageCount") ?? 0) == 0 && last < cutoffs.AbandonedBefore);
    }

    /// <summary>Deletes the rows with their ETags; false when one changed or vanished since it was read.</summary>
    private async Task<bool> DeleteGuardedAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            try
            {
                await context.Conversations.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 412 or 404)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Deletes in transactions of at most 100; a row deleted meanwhile (a concurrent purge) is skipped.</summary>
    private async Task DeleteAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            await TableBatch.SubmitSkippingMissingAsync(context.Conversations, chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }
    }
}
