using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Transcript rows <c>log:{sequence}:{instance}</c> in the conversation's partition: the sequence is a strictly
/// increasing tick count, so one range query reads a whole transcript in order. One append is one
/// entity-group transaction per conversation.
/// </summary>
/// <param name="duplicateChecks">The turns whose duplicate check the inbound row's marker answers (<see cref="TableTurnLedger"/> defers them).</param>
public sealed class TableTranscriptStore(AzureTableContext context, PendingDuplicateChecks duplicateChecks) : ITranscriptStore
{
    public const string RowPrefix = "log:";

    /// <summary>The first key after every transcript row (':' + 1), closing the range query.</summary>
    private const string RowEnd = "log;";

    /// <summary>Marks an inbound activity id as logged (create-only), so a channel's retry is logged once.</summary>
    public const string SeenPrefix = "seen:";

    /// <summary>An entity-group transaction holds at most 100 operations.</summary>
    private const int MaxBatch = 100;

    /// <summary>And at most 4 MiB: a few 256 KB activities already need a second transaction.</summary>
    private const long MaxBatchBytes = 3 * 1024 * 1024;

    public Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return Task.CompletedTask;
        // Serialized at once, like the SQLite store: later middleware may change the activity objects.
        var rows = entries.Select(ToRows).ToList();
        return context.RunAsync("transcript.append", async () =>
        {
            foreach (var partition in rows.GroupBy(r => r.Row.PartitionKey))
            {
                var pending = partition.ToList();
                while (pending.Count > 0)
                {
                    var batch = TakeBatch(pending);
                    await SubmitSkippingSeenAsync(batch, cancellationToken);
                    pending.RemoveRange(0, batch.Count);
                }
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Adds the rows in one transaction. An inbound activity already logged (a channel's retry) fails its
    /// create-only marker with 409; that entry is dropped and the rest submitted again.
    /// </summary>
    private async Task SubmitSkippingSeenAsync(List<(TableEntity Row, TableEntity? Seen)> batch, CancellationToken cancellationToken)
    {
        var remaining = batch.ToList();
        while (remaining.Count > 0)
        {
            var actions = remaining.SelectMany(r => r.Seen is null ? [r.Row] : new[] { r.Row, r.Seen })
                .Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)).ToList();
            try
            {
                await context.Conversations.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 409 && exception.FailedTransactionActionIndex is { } index
                && remaining.FindIndex(r => ReferenceEquals(r.Seen, actions[index].Entity)) is var seen and >= 0)
            {
                await ThrowIfRecordedAsync(remaining[seen].Row, remaining[seen].Seen!, cancellationToken);
                remaining.RemoveAt(seen);
                continue;
            }
            // Every marker went in: these activities are new, and their turns' duplicate checks are answered.
            foreach (var (row, marker) in remaining)
            {
                if (marker is not null) duplicateChecks.TryTake(row.GetString("ConversationId"), marker.GetString("ActivityId"));
            }
            return;
        }
    }

    /// <summary>
    /// An inbound activity logged before: when its turn left the duplicate check to this write, the ledger says
    /// whether an earlier turn finished with it (then this turn stops) or stopped before its commit (then this one
    /// runs it, without logging it twice).
    /// </summary>
    private async Task ThrowIfRecordedAsync(TableEntity row, TableEntity marker, CancellationToken cancellationToken)
    {
        var (conversationId, activityId) = (row.GetString("ConversationId"), marker.GetString("ActivityId"));
        if (!duplicateChecks.TryTake(conversationId, activityId)) return;
        if (await TableTurnLedger.CheckAsync(context, conversationId, activityId, cancellationToken) is { } recorded)
        {
            throw new DuplicateActivityException(recorded);
        }
    }

    private static List<(TableEntity Row, TableEntity? Seen)> TakeBatch(List<(TableEntity Row, TableEntity? Seen)> pending)
    {
        var batch = new List<(TableEntity, TableEntity?)>();
        var operations = 0;
        var bytes = 0L;
        foreach (var row in pending)
        {
            var size = row.Seen is null ? 1 : 2;
            var rowBytes = TablePayload.EstimateBytes(row.Row);
            if (batch.Count > 0 && (operations + size > MaxBatch || bytes + rowBytes > MaxBatchBytes)) break;
            batch.Add(row);
            operations += size;
            bytes += rowBytes;
        }
        return batch;
    }

    public Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationId, CancellationToken cancellationToken) =>
        context.RunAsync<IReadOnlyList<TranscriptEntry>>("transcript.read", async () =>
        {
            var entries = new List<TranscriptEntry>();
            await foreach (var entity in QueryAsync(conversationId, cancellationToken)) entries.Add(FromEntity(entity));
            return entries;
        }, cancellationToken);

    public Task RedactAsync(string conversationId, string subject, Func<TranscriptEntry, TranscriptEntry> redact, CancellationToken cancellationToken) =>
        context.RunAsync("transcript.redact", async () =>
        {
            var rewritten = new List<TableTransactionAction>();
            await foreach (var entity in QueryAsync(conversationId, cancellationToken))
            {
                if (entity.GetString("Subject") != subject) continue;
                var entry = redact(FromEntity(entity));
                var replacement = new TableEntity(entity.PartitionKey, entity.RowKey);
                foreach (var (name, value) in entity.Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp"))) replacement[name] = value;
                TablePayload.Write(replacement, "Activity", JsonSerializer.Serialize(entry.Activity, BotJson.Options));
                rewritten.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, replacement));
            }
            while (rewritten.Count > 0)
            {
                var chunk = TakeBatch(rewritten.Select(a => ((TableEntity)a.Entity, (TableEntity?)null)).ToList());
                await context.Conversations.SubmitTransactionAsync(rewritten.Take(chunk.Count), cancellationToken);
                rewritten.RemoveRange(0, chunk.Count);
            }
        }, cancellationToken);

    private IAsyncEnumerable<TableEntity> QueryAsync(string conversationId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Encode(conversationId);
        return context.Conversations.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {RowPrefix} and RowKey lt {RowEnd}"),
            cancellationToken: cancellationToken);
    }

    /// <summary>The rows of <paramref name="entries"/> (each with its retry marker when inbound), for a transaction of someone else's.</summary>
    internal List<(TableEntity Row, TableEntity? Seen)> RowsOf(IReadOnlyList<TranscriptEntry> entries) => entries.Select(ToRows).ToList();

    private (TableEntity Row, TableEntity? Seen) ToRows(TranscriptEntry entry)
    {
        var row = ToEntity(entry);
        var seen = entry.Direction == TranscriptDirection.Inbound && !string.IsNullOrEmpty(entry.Activity.Id)
            ? new TableEntity(row.PartitionKey, SeenPrefix + TableKeys.Encode(entry.Activity.Id)) { ["LogRow"] = row.RowKey, ["ActivityId"] = entry.Activity.Id }
            : null;
        return (row, seen);
    }

    private TableEntity ToEntity(TranscriptEntry entry)
    {
        var sequence = context.Sequence.Next();
        var entity = new TableEntity(TableKeys.Encode(entry.ConversationId), $"{RowPrefix}{sequence.ToString("D19", CultureInfo.InvariantCulture)}:{context.Sequence.Instance}")
        {
            ["ConversationId"] = entry.ConversationId,
            ["Subject"] = entry.Subject,
            ["Direction"] = entry.Direction.ToString(),
            ["LoggedAt"] = entry.LoggedAt,
            ["Sequence"] = sequence,
        };
        TablePayload.Write(entity, "Activity", JsonSerializer.Serialize(entry.Activity, BotJson.Options));
        return entity;
    }

    private static TranscriptEntry FromEntity(TableEntity entity) => new(
        entity.GetString("ConversationId"),
        entity.GetString("Subject"),
        Enum.Parse<TranscriptDirection>(entity.GetString("Direction")),
        entity.GetDateTimeOffset("LoggedAt") ?? default,
        JsonSerializer.Deserialize<Activity>(TablePayload.Read(entity, "Activity")!, BotJson.Options)!,
        entity.GetInt64("Sequence") ?? 0);
}
