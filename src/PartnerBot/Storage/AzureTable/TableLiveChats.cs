using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Live chats in <c>&lt;prefix&gt;alerts</c>, beside the alerts whose cards they live in: partition <c>livechat</c> (a row
/// per lead, the chat as JSON, the table's own ETag guarding every write) and partition <c>livechat-thread</c> (a row
/// per thread a card started, naming the lead).
/// </summary>
public sealed class TableLiveChats(AzureTableContext context) : ILiveChats
{
    private const string ChatPartition = "livechat";
    private const string ThreadPartition = "livechat-thread";

    public Task<LiveChat?> GetAsync(string id, CancellationToken cancellationToken) => context.RunAsync("livechats.get", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(ChatPartition, TableKeys.Encode(id), cancellationToken: cancellationToken);
        return found.HasValue ? Read(found.Value!) : null;
    }, cancellationToken);

    public Task<LiveChat?> TrySaveAsync(LiveChat chat, CancellationToken cancellationToken) => context.RunAsync("livechats.save", async () =>
    {
        var entity = new TableEntity(ChatPartition, TableKeys.Encode(chat.Id)) { ["Status"] = chat.Status.ToString() };
        TablePayload.Write(entity, "Json", JsonSerializer.Serialize(chat, BotJson.Options));
        try
        {
            var response = chat.ETag is null
                ? await context.Alerts.AddEntityAsync(entity, cancellationToken)
                : await context.Alerts.UpdateEntityAsync(entity, new ETag(chat.ETag), TableUpdateMode.Replace, cancellationToken);
            return chat with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            return null;
        }
    }, cancellationToken);

    public Task<string?> FindByThreadAsync(string threadConversationId, CancellationToken cancellationToken) => context.RunAsync("livechats.thread", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(ThreadPartition, TableKeys.Encode(threadConversationId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("ChatId") : null;
    }, cancellationToken);

    public Task AddThreadAsync(string threadConversationId, string chatId, CancellationToken cancellationToken) => context.RunAsync("livechats.addthread", () =>
        context.Alerts.UpsertEntityAsync(new TableEntity(ThreadPartition, TableKeys.Encode(threadConversationId)) { ["ChatId"] = chatId }, TableUpdateMode.Replace, cancellationToken),
        cancellationToken);

    public Task<IReadOnlyList<LiveChat>> OpenAsync(CancellationToken cancellationToken) => context.RunAsync<IReadOnlyList<LiveChat>>("livechats.open", async () =>
    {
        var found = new List<LiveChat>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ChatPartition} and (Status eq {nameof(LiveChatStatus.Waiting)} or Status eq {nameof(LiveChatStatus.Joined)})");
        await foreach (var row in context.Alerts.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) found.Add(Read(row));
        return found;
    }, cancellationToken);

    /// <summary>The lead's chat and its thread rows, for erasure and retention.</summary>
    internal static async Task DeleteForRecordAsync(AzureTableContext context, string recordId, CancellationToken cancellationToken)
    {
        var rows = new List<(string Partition, string Row)> { (ChatPartition, TableKeys.Encode(recordId)) };
        await foreach (var thread in context.Alerts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ThreadPartition} and ChatId eq {recordId}"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add((thread.PartitionKey, thread.RowKey));
        }
        foreach (var (partition, row) in rows)
        {
            try
            {
                await context.Alerts.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
            }
        }
    }

    private static LiveChat Read(TableEntity entity) =>
        JsonSerializer.Deserialize<LiveChat>(TablePayload.Read(entity, "Json")!, BotJson.Options)! with { ETag = entity.ETag.ToString() };
}
