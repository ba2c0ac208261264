using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The turn ledger as rows <c>turn:{activity id}</c> in the conversation's partition, beside the conversation's
/// dialog state (<see cref="TableStateStore"/>): a commit writes the state (with its ETag) and the turn record in
/// one entity-group transaction, so both or neither are stored.
/// </summary>
public sealed class TableTurnLedger(AzureTableContext context, TableStateStore state, TableTranscriptStore transcripts, TableConversationRecords records,
    PendingDuplicateChecks duplicateChecks, TurnReadCache turnReads) : ITurnLedger, IDeferredDuplicateCheck
{
    /// <summary>Within the 100 operations and 4 MiB of one entity-group transaction.</summary>
    private const int MaxOperations = 100;
    private const long MaxBytes = 3 * 1024 * 1024;
    public const string RowPrefix = "turn:";

    public static (string PartitionKey, string RowKey) KeyOf(string conversationId, string activityId) =>
        (TableKeys.Encode(conversationId), RowPrefix + TableKeys.Encode(activityId));

    public Task<TurnRecord?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        FindAsync(context, conversationId, activityId, cancellationToken);

    private static Task<TurnRecord?> FindAsync(AzureTableContext context, string conversationId, string activityId, CancellationToken cancellationToken) =>
        context.RunAsync("ledger.find", () => ReadAsync(context, conversationId, activityId, cancellationToken), cancellationToken);

    /// <summary>
    /// A new activity costs no read: its inbound transcript row goes in with a create-only marker
    /// (<see cref="TableTranscriptStore.SeenPrefix"/>), and only when that marker exists already, the activity
    /// reached this conversation before and the ledger row is read (<see cref="TableTranscriptStore"/> does so).
    /// A turn that ran its bot logged its inbound row first, so a missing marker means an activity that is new,
    /// or whose earlier turn failed before logging it (storage was down: its apology is not replayed, the turn
    /// runs), or is older than retention keeps markers; turns that log nothing ask the ledger instead.
    /// </summary>
    public IDeferredDuplicateCheck? DeferredDuplicateCheck => this;

    public void Defer(string conversationId, string activityId) => duplicateChecks.Add(conversationId, activityId);

    public async Task EnsureNewAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        if (!duplicateChecks.TryTake(conversationId, activityId)) return;
        if (await CheckAsync(context, conversationId, activityId, cancellationToken) is { } recorded) throw new DuplicateActivityException(recorded);
    }

    /// <summary>The ledger read of a deferred duplicate check; a failure stops the turn (see <see cref="DuplicateCheckFailedException"/>).</summary>
    internal static async Task<TurnRecord?> CheckAsync(AzureTableContext context, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        try
        {
            return await FindAsync(context, conversationId, activityId, cancellationToken);
        }
        catch (StorageUnavailableException exception)
        {
            throw new DuplicateCheckFailedException(exception);
        }
    }

    public void Forget(string conversationId, string activityId) => duplicateChecks.Forget(conversationId, activityId);

    private static async Task<TurnRecord?> ReadAsync(AzureTableContext context, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var (partition, row) = KeyOf(conversationId, activityId);
        var response = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var entity = response.Value!;
        using var replies = JsonDocument.Parse(TablePayload.Read(entity, "Replies") ?? "[]");
        return new TurnRecord(
            replies.RootElement.EnumerateArray().Select(r => r.GetRawText()).ToList(),
            entity.GetInt32("Delivered") ?? 0,
            entity.GetInt32("StatusCode") ?? 200,
            TablePayload.Read(entity, "Response"));
    }

    public Task<string?> CommitAsync(TurnCommit commit, CancellationToken cancellationToken) => context.RunAsync("ledger.commit", async () =>
    {
        var turn = ToEntity(commit);
        if (commit.State is not { } write)
        {
            if (commit.With.Count > 0 && await TryCommitWithAsync(turn, commit.With, cancellationToken)) return null;
            await TurnWrites.WriteEachAsync(commit.With, transcripts, records, cancellationToken);
            await context.Conversations.UpsertEntityAsync(turn, TableUpdateMode.Replace, cancellationToken);
            return null;
        }

        turnReads.Forget(write.Key);
        var stateEntity = state.ToEntity(write.Key, write.Json);
        if (stateEntity.PartitionKey != turn.PartitionKey)
        {
            // Only a state key that names no conversation (never a dialog's) lands here: state first, so a
            // conflict still writes nothing.
            var etag = await state.WriteAsync(write.Key, write.Json, write.ExpectedETag, cancellationToken);
            await context.Conversations.UpsertEntityAsync(turn, TableUpdateMode.Replace, cancellationToken);
            return etag;
        }

        TableTransactionAction stateAction = write.ExpectedETag switch
        {
            null => new(TableTransactionActionType.Add, stateEntity),
            "*" => new(TableTransactionActionType.UpsertReplace, stateEntity),
            var expected => new(TableTransactionActionType.UpdateReplace, stateEntity, new ETag(expected)),
        };
        try
        {
            var responses = await context.Conversations.SubmitTransactionAsync([stateAction, new TableTransactionAction(TableTransactionActionType.UpsertReplace, turn)], cancellationToken);
            return responses.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The Table service returned no ETag for the state.");
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            // The SDK sends a transaction again when its answer was lost; the resend of one that had committed fails
            // its own ETag check. Taken for a conflict, the turn would run again on its own new state.
            if (await CommittedAsync(turn, cancellationToken)
                && await context.Conversations.GetEntityIfExistsAsync<TableEntity>(stateEntity.PartitionKey, stateEntity.RowKey, ["PartitionKey"], cancellationToken) is { HasValue: true } stored)
            {
                return stored.Value!.ETag.ToString();
            }
            throw new ETagConflictException(write.Key);
        }
    }, cancellationToken);

    /// <summary>
    /// A merge of the delivered count alone into the turn's row (one request, no read). Counts only rise within a turn:
    /// the turn's own sends come one after the other, and its final commit, written after them, holds the full count.
    /// </summary>
    public Task RecordDeliveredAsync(string conversationId, string activityId, int delivered, CancellationToken cancellationToken) =>
        context.RunAsync("ledger.delivered", async () =>
        {
            var (partition, row) = KeyOf(conversationId, activityId);
            await context.Conversations.UpdateEntityAsync(new TableEntity(partition, row) { ["Delivered"] = delivered }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The turn's final result, its replies in the transcript and the conversation record in one entity-group
    /// transaction (they share the conversation's partition): one request where there were three. False when they do
    /// not fit one transaction, or when the record changed since the turn read it (a sales update, another
    /// instance): nothing was written then, and the caller writes them one by one, the record with its merge.
    /// </summary>
    private async Task<bool> TryCommitWithAsync(TableEntity turn, IReadOnlyList<ITurnWrite> with, CancellationToken cancellationToken)
    {
        var entries = with.OfType<TranscriptAppend>().SelectMany(a => a.Entries).ToList();
        var saves = with.OfType<RecordSave>().ToList();
        if (entries.Count + saves.Count == 0 || saves.Count > 1 || with.Any(w => w is not (TranscriptAppend or RecordSave))) return false;
        var rows = transcripts.RowsOf(entries);
        var save = saves.Count == 1 ? await records.PrepareSaveAsync(saves[0].Record, useTurnRead: true, cancellationToken) : null;

        var actions = new List<TableTransactionAction>();
        foreach (var (row, seen) in rows)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
            if (seen is not null) actions.Add(new TableTransactionAction(TableTransactionActionType.Add, seen));
        }
        if (save is not null)
        {
            actions.Add(save.Existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, save.Row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, save.Row, save.Existing.ETag));
        }
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, turn));
        if (actions.Count > MaxOperations || actions.Any(a => a.Entity.PartitionKey != turn.PartitionKey)
            || actions.Sum(a => TablePayload.EstimateBytes((TableEntity)a.Entity)) > MaxBytes)
        {
            return false;
        }
        try
        {
            await context.Conversations.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            // Unless it was the resend of this very transaction, which had committed (see CommitAsync).
            if (!await CommittedAsync(turn, cancellationToken)) return false;
        }
        if (save is not null) await records.CompleteSaveAsync(save, cancellationToken);
        return true;
    }

    /// <summary>Whether the turn row in the store is the one <paramref name="turn"/> wrote (its commit id).</summary>
    private async Task<bool> CommittedAsync(TableEntity turn, CancellationToken cancellationToken)
    {
        var stored = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(turn.PartitionKey, turn.RowKey, ["CommitId"], cancellationToken);
        return stored.HasValue && stored.Value!.GetString("CommitId") == turn.GetString("CommitId");
    }

    private TableEntity ToEntity(TurnCommit commit)
    {
        var (partition, row) = KeyOf(commit.ConversationId, commit.ActivityId);
        var record = commit.Record;
        var entity = new TableEntity(partition, row)
        {
            ["ConversationId"] = commit.ConversationId,
            ["ActivityId"] = commit.ActivityId,
            ["RecordedAt"] = context.Clock.GetUtcNow(),
            ["Delivered"] = record.Delivered,
            ["StatusCode"] = record.StatusCode,
            // Tells this commit's own resend (after a lost answer) from another writer's.
            ["CommitId"] = Guid.NewGuid().ToString("N"),
        };
        TablePayload.Write(entity, "Replies", "[" + string.Join(',', record.Replies) + "]");
        TablePayload.Write(entity, "Response", record.ResponseBody);
        return entity;
    }
}
