using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Erasure on Table storage: the prospect's rows in the conversation's partition (record, state, their transcript
/// rows and retry markers, the whole turn ledger, and, when nobody else's record is in the conversation,
/// everything else of it: the Direct Line log too), then the list entry. Deleted entities cannot be read again
/// through the service; an anonymous row in the leads table's <c>erased</c> partition keeps the statistics.
/// </summary>
public sealed class TableErasure(AzureTableContext context) : IConversationErasure
{
    public const string ErasedPartition = "erased";

    private const int MaxBatch = 100;

    public Task<bool> EraseAsync(string recordId, CancellationToken cancellationToken) => context.RunAsync("conversations.erase", async () =>
    {
        var (partition, recordRow) = TableConversationRecords.KeyOf(recordId);
        var read = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, recordRow, cancellationToken: cancellationToken);
        if (!read.HasValue) return false;
        var record = read.Value!;
        var statistic = FunnelRow.Of(TableRecordEntities.FromEntity(record));

        var rows = new List<TableEntity>();
        await foreach (var row in context.Conversations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            select: ["PartitionKey", "RowKey", "Id", "Subject", "LogRow"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        var othersRemain = rows.Any(r => r.RowKey.EndsWith("!" + TableConversationRecords.Kind, StringComparison.Ordinal) && r.GetString("Id") != recordId);
        var stateRow = TableStateStore.KeyOf(recordId).RowKey;
        var theirLog = rows.Where(r => r.RowKey.StartsWith(TableTranscriptStore.RowPrefix, StringComparison.Ordinal) && r.GetString("Subject") == recordId)
            .Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var gone = rows.Where(r => !othersRemain
            || r.RowKey == recordRow || r.RowKey == stateRow || theirLog.Contains(r.RowKey)
            || r.RowKey.StartsWith(TableTurnLedger.RowPrefix, StringComparison.Ordinal)
            || (r.RowKey.StartsWith(TableTranscriptStore.SeenPrefix, StringComparison.Ordinal) && r.GetString("LogRow") is { } logRow && theirLog.Contains(logRow)))
            .ToList();

        // The record row goes last: until then the erasure can be asked again and finds everything left to do.
        foreach (var chunk in gone.Where(r => r.RowKey != recordRow).Chunk(MaxBatch))
        {
            await TableBatch.SubmitSkippingMissingAsync(context.Conversations, chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }
        await TableConversationRecords.DeleteIndexRowAsync(context, record, cancellationToken);
        await TableLeadAlerts.DeleteForRecordAsync(context, recordId, cancellationToken);
        await TableLiveChats.DeleteForRecordAsync(context, recordId, cancellationToken);
        await TableWebhookOutbox.DeleteForRecordAsync(context, recordId, cancellationToken);
        // Named after the record, so an erasure asked again after a failure counts it once.
        var statisticRow = $"{statistic.StartedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(recordId)))[..32]}";
        var anonymous = new TableEntity(ErasedPartition, statisticRow)
        {
            ["ErasedAt"] = context.Clock.GetUtcNow(),
            ["StartedAt"] = statistic.StartedAt,
            ["ChannelId"] = statistic.ChannelId,
            ["Consent"] = statistic.Consent.ToString(),
            ["Finished"] = statistic.Finished,
            ["ContactRequested"] = statistic.ContactRequested,
            ["OutcomeModel"] = statistic.OutcomeModel,
        };
        await context.Leads.UpsertEntityAsync(anonymous, TableUpdateMode.Replace, cancellationToken);
        try
        {
            await context.Conversations.DeleteEntityAsync(partition, recordRow, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
        return true;
    }, cancellationToken);
}
