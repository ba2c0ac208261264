using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The embedded Direct Line's conversations in the conversation's partition: <c>dl:meta</c> holds the user, the
/// last and oldest kept watermarks and the kept size, <c>dl:{watermark}</c> one activity each with its size. An
/// append bumps the watermark with the meta row's ETag, adds the activity and drops the oldest beyond the count
/// and byte bounds in one entity-group transaction.
/// </summary>
public sealed class TableDirectLineLog(AzureTableContext context) : IDirectLineLog
{
    private const string MetaRow = "dl:meta";
    private const string ActivityPrefix = "dl:";

    /// <summary>An entity-group transaction holds 100 operations: the meta row, the new activity, and deletions.</summary>
    private const int MaxDeletesPerAppend = 98;

    /// <summary>Appends from several instances to one conversation race on its meta row; each loser tries again after a short random pause.</summary>
    private const int MaxAttempts = 20;

    /// <summary>A transaction is at most 4 MiB on the wire; Direct Line activities may be 256 KB each.</summary>
    private const long MaxBatchBytes = 3 * 1024 * 1024;

    /// <summary>Bounds <see cref="_meta"/>; forgetting a copy only costs a read.</summary>
    private const int MaxRemembered = 10_000;

    /// <summary>
    /// Each conversation's meta row as this instance last wrote it, so the next append (the turn's replies follow
    /// its inbound activity) needs no read. A copy that another instance (or a redaction) made stale fails the
    /// transaction's ETag check, and that append reads the row and tries again.
    /// </summary>
    private readonly ConcurrentDictionary<string, Meta> _meta = new();

    /// <summary>How many of the latest appends the meta row names (<see cref="Meta.RecentAppends"/>).</summary>
    private const int RecentAppendsKept = 16;

    /// <param name="RecentAppends">The ids of the latest appends, newest last: an append whose transaction the SDK
    /// sent again after it had committed (its answer was lost) finds its own id here when the resend fails, instead
    /// of appending the activity a second time.</param>
    private sealed record Meta(long LastWatermark, long OldestWatermark, long KeptBytes, ETag ETag, string RecentAppends = "");

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
            var created = await context.Conversations.AddEntityAsync(meta, cancellationToken);
            if (created.Headers.ETag is { } etag) Remember(meta.PartitionKey, new Meta(0, 1, 0, etag));
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

    public Task<long> AppendAsync(string conversationId, Activity activity, DirectLineRetention keep, CancellationToken cancellationToken) => context.RunAsync("directline.append", async () =>
    {
        var partition = TableKeys.Encode(conversationId);
        var appendId = Guid.NewGuid().ToString("N");
        long? tried = null;
        for (var attempt = 1; ; attempt++)
        {
            var meta = attempt == 1 && _meta.TryGetValue(partition, out var known) ? known : await ReadMetaAsync(conversationId, partition, cancellationToken);
            if (tried is { } committed && meta.RecentAppends.Split(',').Contains(appendId)) return committed;
            var watermark = meta.LastWatermark + 1;
            var oldest = meta.OldestWatermark;
            var keptBytes = meta.KeptBytes;
            activity.Id = $"{conversationId}|{watermark:D7}";
            var json = JsonSerializer.Serialize(activity, BotJson.Options);
            long size = Encoding.UTF8.GetByteCount(json);

            // The kept size is a running total on the meta row, so an append within the limits reads nothing more;
            // the oldest rows' sizes are read only when something has to go.
            var drop = new List<(long Watermark, long Size)>();
            if (watermark - oldest + 1 > keep.Activities || keptBytes + size > keep.Bytes)
            {
                var remainingCount = watermark - oldest + 1;
                var remainingBytes = keptBytes + size;
                await foreach (var old in context.Conversations.QueryAsync<TableEntity>(
                    TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ActivityRow(oldest)} and RowKey lt {ActivityRow(watermark)}"),
                    select: ["Watermark", "Size"], cancellationToken: cancellationToken))
                {
                    if ((remainingCount <= keep.Activities && remainingBytes <= keep.Bytes) || drop.Count == MaxDeletesPerAppend) break;
                    var dropped = (old.GetInt64("Watermark") ?? 0, old.GetInt64("Size") ?? 0);
                    drop.Add(dropped);
                    remainingCount--;
                    remainingBytes -= dropped.Item2;
                }
            }
            var keepFrom = drop.Count > 0 ? drop[^1].Watermark + 1 : oldest;

            var row = new TableEntity(partition, ActivityRow(watermark)) { ["Watermark"] = watermark, ["Size"] = size };
            TablePayload.Write(row, "Activity", json);
            var kept = keptBytes + size - drop.Sum(d => d.Size);
            var recent = string.Join(',', meta.RecentAppends.Split(',', StringSplitOptions.RemoveEmptyEntries).Append(appendId).TakeLast(RecentAppendsKept));
            var update = new TableEntity(partition, MetaRow)
            {
                ["LastWatermark"] = watermark,
                ["OldestWatermark"] = keepFrom,
                ["KeptBytes"] = kept,
                ["RecentAppends"] = recent,
            };
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateMerge, update, meta.ETag),
                new(TableTransactionActionType.Add, row),
            };
            actions.AddRange(drop.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, ActivityRow(d.Watermark)), ETag.All)));
            try
            {
                var responses = await context.Conversations.SubmitTransactionAsync(actions, cancellationToken);
                if (responses.Value[0].Headers.ETag is { } etag) Remember(partition, new Meta(watermark, keepFrom, kept, etag, recent));
                else _meta.TryRemove(partition, out _);
                return watermark;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 412 or 409 or 404 && attempt < MaxAttempts)
            {
                _meta.TryRemove(partition, out _);
                tried = watermark;
                // Another instance appended (or redacted) first: read the meta row again and take the next watermark,
                // after a pause that keeps a crowd of appenders from colliding again in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt, 5))), cancellationToken);
            }
        }
    }, cancellationToken);

    private async Task<Meta> ReadMetaAsync(string conversationId, string partition, CancellationToken cancellationToken)
    {
        var read = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, MetaRow, cancellationToken: cancellationToken);
        var meta = read.HasValue ? read.Value! : throw new InvalidOperationException($"Direct Line conversation '{conversationId}' does not exist.");
        return new Meta(meta.GetInt64("LastWatermark") ?? 0, meta.GetInt64("OldestWatermark") ?? 1, meta.GetInt64("KeptBytes") ?? 0, meta.ETag,
            meta.GetString("RecentAppends") ?? "");
    }

    private void Remember(string partition, Meta meta)
    {
        if (_meta.Count >= MaxRemembered) _meta.Clear();
        _meta[partition] = meta;
    }

    public Task RedactAsync(string conversationId, Func<Activity, Activity> redact, Func<string, string> hashUserId, CancellationToken cancellationToken) =>
        context.RunAsync("directline.redact", async () =>
        {
            var partition = TableKeys.Encode(conversationId);
            var actions = new List<TableTransactionAction>();
            var bytes = 0L;
            long delta = 0;
            string? user = null;
            await foreach (var entity in context.Conversations.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {ActivityRow(0)} and RowKey le {MetaRow}"), cancellationToken: cancellationToken))
            {
                if (entity.RowKey == MetaRow)
                {
                    user = entity.GetString("UserId");
                    continue;
                }

                // Replace, so no part of the original activity survives; a row an append dropped meanwhile is not recreated.
                var activity = JsonSerializer.Deserialize<Activity>(TablePayload.Read(entity, "Activity")!, BotJson.Options)!;
                var redacted = JsonSerializer.Serialize(redact(activity), BotJson.Options);
                long redactedSize = Encoding.UTF8.GetByteCount(redacted);
                delta += redactedSize - (entity.GetInt64("Size") ?? 0);
                var change = new TableEntity(partition, entity.RowKey) { ["Watermark"] = entity.GetInt64("Watermark"), ["Size"] = redactedSize };
                TablePayload.Write(change, "Activity", redacted);
                var size = TablePayload.EstimateBytes(change);
                if (actions.Count == 100 || bytes + size > MaxBatchBytes)
                {
                    await TableBatch.SubmitSkippingMissingAsync(context.Conversations, actions, cancellationToken);
                    actions.Clear();
                    bytes = 0;
                }
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, change, ETag.All));
                bytes += size;
            }
            if (actions.Count > 0) await TableBatch.SubmitSkippingMissingAsync(context.Conversations, actions, cancellationToken);
            if (user is not null) await UpdateMetaAfterRedactionAsync(partition, hashUserId(user), delta, cancellationToken);
        }, cancellationToken);

    /// <summary>The user id hashed, and the kept size following the rewritten activities, with the meta row's ETag (appends race).</summary>
    private async Task UpdateMetaAfterRedactionAsync(string partition, string hashedUser, long delta, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var meta = (await context.Conversations.GetEntityAsync<TableEntity>(partition, MetaRow, cancellationToken: cancellationToken)).Value;
            var change = new TableEntity(partition, MetaRow) { ["UserId"] = hashedUser, ["KeptBytes"] = Math.Max(0, (meta.GetInt64("KeptBytes") ?? 0) + delta) };
            try
            {
                await context.Conversations.UpdateEntityAsync(change, meta.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status == 412 && attempt < MaxAttempts)
            {
            }
        }
    }

    public Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long? afterWatermark, DirectLinePage page, CancellationToken cancellationToken) =>
        context.RunAsync<(IReadOnlyList<Activity>, long)>("directline.read", async () =>
        {
            // One range query: the activities after the watermark, then the meta row (digits sort before "meta"),
            // which is reached only when nothing newer is kept.
            var partition = TableKeys.Encode(conversationId);
            var from = ActivityRow(afterWatermark ?? 0);
            var activities = new List<Activity>();
            var last = afterWatermark ?? 0;
            long bytes = 0;
            await foreach (var entity in context.Conversations.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey le {MetaRow}"),
                maxPerPage: Math.Min(page.Activities + 1, 1000), cancellationToken: cancellationToken))
            {
                if (entity.RowKey == MetaRow)
                {
                    if (activities.Count == 0) last = Math.Max(last, entity.GetInt64("LastWatermark") ?? 0);
                    break;
                }
                var size = entity.GetInt64("Size") ?? 0;
                if (activities.Count == page.Activities || (activities.Count > 0 && bytes + size > page.Bytes)) break;
                bytes += size;
                last = entity.GetInt64("Watermark") ?? last;
                activities.Add(JsonSerializer.Deserialize<Activity>(TablePayload.Read(entity, "Activity")!, BotJson.Options)!);
            }
            return (activities, last);
        }, cancellationToken);

    private static string ActivityRow(long watermark) => ActivityPrefix + watermark.ToString("D19", CultureInfo.InvariantCulture);
}
