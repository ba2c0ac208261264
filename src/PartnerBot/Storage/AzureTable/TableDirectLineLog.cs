using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The embedded Direct Line's conversations in the conversation's partition: <c>dl:meta</c> holds the user and
/// the last watermark, <c>dl:{watermark}</c> one activity each. An append bumps the watermark with the meta row's
/// ETag, adds the activity and drops the oldest beyond <c>keep</c> in one entity-group transaction.
/// </summary>
public sealed class TableDirectLineLog(AzureTableContext context) : IDirectLineLog
{
    private const string MetaRow = "dl:meta";
    private const string ActivityPrefix = "dl:";

    /// <summary>An entity-group transaction holds 100 operations: the meta row, the new activity, and deletions.</summary>
    private const int MaxDeletesPerAppend = 98;

    private const int MaxAttempts = 8;

    /// <summary>A transaction is at most 4 MiB on the wire; Direct Line activities may be 256 KB each.</summary>
    private const long MaxBatchBytes = 3 * 1024 * 1024;

    public Task<bool> CreateConversationAsync(string conversationId, string userId, CancellationToken cancellationToken) => context.RunAsync("directline.create", async () =>
    {
        var meta = new TableEntity(TableKeys.Encode(conversationId), MetaRow)
        {
            ["ConversationId"] = conversationId,
            ["UserId"] = userId,
            ["CreatedAt"] = context.Clock.GetUtcNow(),
            ["LastWatermark"] = 0L,
            ["OldestWatermark"] = 1L,
        };
        try
        {
            await context.Conversations.AddEntityAsync(meta, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }, cancellationToken);

    public Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken) => context.RunAsync("directline.exists", async () =>
        (await context.Conversations.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(conversationId), MetaRow, ["PartitionKey"], cancellationToken)).HasValue,
        cancellationToken);

    public Task<long> AppendAsync(string conversationId, Activity activity, int keep, CancellationToken cancellationToken) => context.RunAsync("directline.append", async () =>
    {
        var partition = TableKeys.Encode(conversationId);
        for (var attempt = 1; ; attempt++)
        {
            var read = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, MetaRow, cancellationToken: cancellationToken);
            var meta = read.HasValue ? read.Value! : throw new InvalidOperationException($"Direct Line conversation '{conversationId}' does not exist.");
            var watermark = (meta.GetInt64("LastWatermark") ?? 0) + 1;
            var oldest = meta.GetInt64("OldestWatermark") ?? 1;
            var keepFrom = Math.Max(oldest, Math.Min(watermark - keep + 1, oldest + MaxDeletesPerAppend));
            activity.Id = $"{conversationId}|{watermark:D7}";

            var row = new TableEntity(partition, ActivityRow(watermark)) { ["Watermark"] = watermark };
            TablePayload.Write(row, "Activity", JsonSerializer.Serialize(activity, ActivityJson.Options));
            var update = new TableEntity(partition, MetaRow) { ["LastWatermark"] = watermark, ["OldestWatermark"] = keepFrom };
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateMerge, update, meta.ETag),
                new(TableTransactionActionType.Add, row),
            };
            for (var old = oldest; old < keepFrom; old++)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, ActivityRow(old)), ETag.All));
            }
            try
            {
                await context.Conversations.SubmitTransactionAsync(actions, cancellationToken);
                return watermark;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 412 or 409 && attempt < MaxAttempts)
            {
                // Another instance appended first: take the next watermark.
            }
        }
    }, cancellationToken);

    public Task RedactAsync(string conversationId, Func<Activity, Activity> redact, Func<string, string> hashUserId, CancellationToken cancellationToken) =>
        context.RunAsync("directline.redact", async () =>
        {
            var partition = TableKeys.Encode(conversationId);
            var actions = new List<TableTransactionAction>();
            var bytes = 0L;
            await foreach (var entity in context.Conversations.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {ActivityRow(0)} and RowKey le {MetaRow}"), cancellationToken: cancellationToken))
            {
                TableEntity change;
                TableTransactionActionType type;
                if (entity.RowKey == MetaRow)
                {
                    // Merge: only the user changes, beside appends bumping the watermark.
                    change = new TableEntity(partition, MetaRow) { ["UserId"] = hashUserId(entity.GetString("UserId")) };
                    type = TableTransactionActionType.UpdateMerge;
                }
                else
                {
                    // Replace, so no part of the original activity survives; a row an append dropped meanwhile is not recreated.
                    var activity = JsonSerializer.Deserialize<Activity>(TablePayload.Read(entity, "Activity")!, ActivityJson.Options)!;
                    change = new TableEntity(partition, entity.RowKey) { ["Watermark"] = entity.GetInt64("Watermark") };
                    TablePayload.Write(change, "Activity", JsonSerializer.Serialize(redact(activity), ActivityJson.Options));
                    type = TableTransactionActionType.UpdateReplace;
                }
                var size = TablePayload.EstimateBytes(change);
                if (actions.Count == 100 || bytes + size > MaxBatchBytes)
                {
                    await SubmitIgnoringDroppedAsync(actions, cancellationToken);
                    actions.Clear();
                    bytes = 0;
                }
                actions.Add(new TableTransactionAction(type, change, ETag.All));
                bytes += size;
            }
            if (actions.Count > 0) await SubmitIgnoringDroppedAsync(actions, cancellationToken);
        }, cancellationToken);

    /// <summary>A row that an append dropped (beyond <c>keep</c>) since it was read needs no redaction: retry without it.</summary>
    private async Task SubmitIgnoringDroppedAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var remaining = actions.ToList();
        while (remaining.Count > 0)
        {
            try
            {
                await context.Conversations.SubmitTransactionAsync(remaining, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404 && exception.FailedTransactionActionIndex is { } index && index < remaining.Count)
            {
                remaining.RemoveAt(index);
            }
        }
    }

    public Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long? afterWatermark, CancellationToken cancellationToken) =>
        context.RunAsync<(IReadOnlyList<Activity>, long)>("directline.read", async () =>
        {
            // One range query: the activities after the watermark, then the meta row (digits sort before "meta").
            var partition = TableKeys.Encode(conversationId);
            var from = ActivityRow(afterWatermark ?? 0);
            var activities = new List<Activity>();
            var last = afterWatermark ?? 0;
            await foreach (var entity in context.Conversations.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey le {MetaRow}"), cancellationToken: cancellationToken))
            {
                if (entity.RowKey == MetaRow)
                {
                    last = Math.Max(last, entity.GetInt64("LastWatermark") ?? 0);
                    continue;
                }
                last = Math.Max(last, entity.GetInt64("Watermark") ?? 0);
                activities.Add(JsonSerializer.Deserialize<Activity>(TablePayload.Read(entity, "Activity")!, ActivityJson.Options)!);
            }
            return (activities, last);
        }, cancellationToken);

    private static string ActivityRow(long watermark) => ActivityPrefix + watermark.ToString("D19", CultureInfo.InvariantCulture);
}
