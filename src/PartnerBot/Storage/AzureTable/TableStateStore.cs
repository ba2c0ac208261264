using Azure;
using Azure.Data.Tables;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Dialog state as one entity in its conversation's partition (row <c>s:{key}!state</c>), read and written with
/// the Table ETag: a stale ETag is a 412 from the service and the same <see cref="ETagConflictException"/> the
/// SQLite store raises.
/// </summary>
/// <param name="turnReads">The state row the conversation record's read of this turn brought along (<see cref="TableConversationRecords"/>).</param>
public sealed class TableStateStore(AzureTableContext context, TurnReadCache turnReads) : IStorage
{
    public const string Kind = "state";

    public static (string PartitionKey, string RowKey) KeyOf(string key) => (TableKeys.PartitionForKey(key), TableKeys.SubjectRow(key, Kind));

    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => context.RunAsync("state.read", async () =>
    {
        // Usually read moments ago with the turn's conversation record (one request for both); a stale copy only
        // costs an ETag conflict, after which the turn reads again.
        if (!turnReads.TryTake(key, out var entity))
        {
            var (partition, row) = KeyOf(key);
            var response = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            entity = response.HasValue ? response.Value : null;
        }
        return entity is null ? null : new StoreItem(TablePayload.Read(entity, "Json")!, entity.ETag.ToString());
    }, cancellationToken);

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) => context.RunAsync("state.write", async () =>
    {
        turnReads.Forget(key);
        var entity = ToEntity(key, json);
        try
        {
            var response = expectedETag switch
            {
                null => await context.Conversations.AddEntityAsync(entity, cancellationToken),
                "*" => await context.Conversations.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken),
                _ => await context.Conversations.UpdateEntityAsync(entity, new ETag(expectedETag), TableUpdateMode.Replace, cancellationToken),
            };
            return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The Table service returned no ETag.");
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            // 409: created by someone else first; 412: changed since read; 404: deleted since read.
            throw new ETagConflictException(key);
        }
    }, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => context.RunAsync("state.delete", async () =>
    {
        turnReads.Forget(key);
        var (partition, row) = KeyOf(key);
        await context.Conversations.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
    }, cancellationToken);

    /// <summary>The entity for <paramref name="key"/>: also used by batches that write state with other rows of the turn.</summary>
    public TableEntity ToEntity(string key, string json)
    {
        var (partition, row) = KeyOf(key);
        var entity = new TableEntity(partition, row) { ["Key"] = key, ["UpdatedAt"] = context.Clock.GetUtcNow() };
        TablePayload.Write(entity, "Json", json);
        return entity;
    }
}
