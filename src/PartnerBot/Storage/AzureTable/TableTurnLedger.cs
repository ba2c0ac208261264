using Azure;
using Azure.Data.Tables;
using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The processed-activity ledger as rows <c>turn:{activity id}</c> in the conversation's partition (beside its
/// dialog state). A claim is a create-only insert: 409 means the activity was already seen.
/// </summary>
public sealed class TableTurnLedger(AzureTableContext context) : ITurnLedger
{
    public const string RowPrefix = "turn:";

    public static (string PartitionKey, string RowKey) KeyOf(string conversationId, string activityId) =>
        (TableKeys.Encode(conversationId), RowPrefix + TableKeys.Encode(activityId));

    public Task<TurnClaim> TryClaimAsync(string conversationId, string activityId, TimeSpan lease, CancellationToken cancellationToken) => context.RunAsync("ledger.claim", async () =>
    {
        var (partition, row) = KeyOf(conversationId, activityId);
        var now = context.Clock.GetUtcNow();
        var claim = new TableEntity(partition, row) { ["ConversationId"] = conversationId, ["ActivityId"] = activityId, ["ClaimedAt"] = now };
        try
        {
            await context.Conversations.AddEntityAsync(claim, cancellationToken);
            return new TurnClaim(TurnClaimStatus.Claimed);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
        }

        var existing = await context.Conversations.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (!existing.HasValue) return new TurnClaim(TurnClaimStatus.InProgress);
        var entity = existing.Value!;
        if (entity.GetDateTimeOffset("CompletedAt") is not null) return new TurnClaim(TurnClaimStatus.Completed, TablePayload.Read(entity, "Response"));
        if (entity.GetDateTimeOffset("ClaimedAt") is { } claimedAt && claimedAt >= now - lease) return new TurnClaim(TurnClaimStatus.InProgress);
        try
        {
            // Taking over an abandoned claim: only if nobody else took it over (or completed it) since we read it.
            await context.Conversations.UpdateEntityAsync(claim, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return new TurnClaim(TurnClaimStatus.Claimed);
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return new TurnClaim(TurnClaimStatus.InProgress);
        }
    }, cancellationToken);

    public Task CompleteAsync(string conversationId, string activityId, string? responseBody, CancellationToken cancellationToken) => context.RunAsync("ledger.complete", async () =>
    {
        var (partition, row) = KeyOf(conversationId, activityId);
        var entity = new TableEntity(partition, row) { ["CompletedAt"] = context.Clock.GetUtcNow() };
        TablePayload.Write(entity, "Response", responseBody);
        await context.Conversations.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }, cancellationToken);
}
