using Azure;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The webhook outbox in <c>&lt;prefix&gt;alerts</c>, partition <c>webhook</c>, a row per delivery keyed by its id: the
/// sender's "what is due" is a partition query; taking a delivery is an ETag write, so two instances never both send it.
/// Each endpoint's health is a row in partition <c>webhook-endpoint</c>.
/// </summary>
public sealed class TableWebhookOutbox(AzureTableContext context) : IWebhookOutbox
{
    private const string Partition = "webhook";
    private const string EndpointPartition = "webhook-endpoint";

    public Task EnqueueAsync(IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken) => context.RunAsync("webhooks.enqueue", async () =>
    {
        foreach (var delivery in deliveries)
        {
            try
            {
                await context.Alerts.AddEntityAsync(ToEntity(delivery), cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Enqueued before (a retried turn): the first one stands.
            }
        }
    }, cancellationToken);

    public Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => context.RunAsync<IReadOnlyList<WebhookDelivery>>("webhooks.due", async () =>
    {
        var found = new List<WebhookDelivery>();
        await foreach (var row in context.Alerts.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Pending eq true and DueAt le {now}"), cancellationToken: cancellationToken))
        {
            found.Add(Read(row));
        }
        return found.OrderBy(d => d.DueAt).ThenBy(d => d.CreatedAt).Take(limit).ToList();
    }, cancellationToken);

    public Task<WebhookDelivery?> TryTakeAsync(WebhookDelivery delivery, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => context.RunAsync<WebhookDelivery?>("webhooks.take", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(Partition, delivery.Id, cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var stored = Read(found.Value!);
        if (!stored.Pending || stored.DueAt != delivery.DueAt || stored.Attempts != delivery.Attempts) return null;
        var taken = stored with { DueAt = leaseUntil, Attempts = stored.Attempts + 1 };
        try
        {
            await context.Alerts.UpdateEntityAsync(ToEntity(taken), found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return taken;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return null;
        }
    }, cancellationToken);

    public Task UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken) => context.RunAsync("webhooks.update", async () =>
    {
        try
        {
            await context.Alerts.UpdateEntityAsync(ToEntity(delivery), ETag.All, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Erased with its lead meanwhile.
        }
    }, cancellationToken);

    public Task<bool> ResendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) => context.RunAsync("webhooks.resend", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        if (!found.HasValue || Read(found.Value!) is not { Pending: false } done) return false;
        try
        {
            await context.Alerts.UpdateEntityAsync(ToEntity(done with { DeliveredAt = null, GivenUp = false, DueAt = now }), found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }, cancellationToken);

    public Task<WebhookDelivery?> GetAsync(string id, CancellationToken cancellationToken) => context.RunAsync<WebhookDelivery?>("webhooks.get", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? Read(found.Value!) : null;
    }, cancellationToken);

    public Task<IReadOnlyList<WebhookDelivery>> RecentAsync(string endpoint, int limit, CancellationToken cancellationToken) => context.RunAsync<IReadOnlyList<WebhookDelivery>>("webhooks.recent", async () =>
    {
        var found = new List<WebhookDelivery>();
        await foreach (var row in context.Alerts.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Endpoint eq {endpoint}"), cancellationToken: cancellationToken))
        {
            found.Add(Read(row));
        }
        return found.OrderByDescending(d => d.CreatedAt).Take(limit).ToList();
    }, cancellationToken);

    public Task<IReadOnlyList<WebhookEndpointState>> EndpointStatesAsync(CancellationToken cancellationToken) => context.RunAsync<IReadOnlyList<WebhookEndpointState>>("webhooks.endpoints", async () =>
    {
        var found = new List<WebhookEndpointState>();
        await foreach (var row in context.Alerts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {EndpointPartition}"), cancellationToken: cancellationToken))
        {
            found.Add(new WebhookEndpointState(row.GetString("Name"), row.GetDateTimeOffset("FailingSince"), row.GetDateTimeOffset("DisabledAt")));
        }
        return found;
    }, cancellationToken);

    public Task SaveEndpointStateAsync(WebhookEndpointState state, CancellationToken cancellationToken) => context.RunAsync("webhooks.endpoint", async () =>
    {
        // Row keys cannot hold every character a name can: the name is kept as a property, the key is its base64url.
        var entity = new TableEntity(EndpointPartition, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(state.Endpoint)))
        {
            ["Name"] = state.Endpoint,
            ["FailingSince"] = state.FailingSince,
            ["DisabledAt"] = state.DisabledAt,
        };
        await context.Alerts.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }, cancellationToken);

    public Task<int> ResumeAsync(string endpoint, DateTimeOffset now, CancellationToken cancellationToken) => context.RunAsync("webhooks.resume", async () =>
    {
        var resumed = 0;
        await foreach (var row in context.Alerts.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Endpoint eq {endpoint} and Pending eq true"), cancellationToken: cancellationToken))
        {
            try
            {
                await context.Alerts.UpdateEntityAsync(ToEntity(Read(row) with { DueAt = now }), row.ETag, TableUpdateMode.Replace, cancellationToken);
                resumed++;
            }
            catch (RequestFailedException exception) when (exception.Status is 412 or 404)
            {
                // Taken or erased meanwhile: it is on its way, or gone.
            }
        }
        return resumed;
    }, cancellationToken);

    /// <summary>A lead's deliveries (they describe the prospect), when the lead expires or is erased.</summary>
    internal static async Task DeleteForRecordAsync(AzureTableContext context, string recordId, CancellationToken cancellationToken)
    {
        await foreach (var row in context.Alerts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RecordId eq {recordId}"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await context.Alerts.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
            }
        }
    }

    private static TableEntity ToEntity(WebhookDelivery delivery)
    {
        var entity = new TableEntity(Partition, delivery.Id)
        {
            ["Endpoint"] = delivery.Endpoint,
            ["EventType"] = delivery.EventType,
            ["RecordId"] = delivery.RecordId,
            ["CreatedAt"] = delivery.CreatedAt,
            ["DueAt"] = delivery.DueAt,
            ["Attempts"] = delivery.Attempts,
            ["DeliveredAt"] = delivery.DeliveredAt,
            ["GivenUp"] = delivery.GivenUp,
            ["LastStatus"] = delivery.LastStatus,
            ["LastError"] = delivery.LastError,
            ["Pending"] = delivery.Pending,
        };
        TablePayload.Write(entity, "Payload", delivery.Payload);
        return entity;
    }

    private static WebhookDelivery Read(TableEntity row) => new(
        row.RowKey, row.GetString("Endpoint"), row.GetString("EventType"), row.GetString("RecordId"), TablePayload.Read(row, "Payload") ?? "",
        row.GetDateTimeOffset("CreatedAt") ?? default, row.GetDateTimeOffset("DueAt") ?? default, row.GetInt32("Attempts") ?? 0,
        row.GetDateTimeOffset("DeliveredAt"), row.GetBoolean("GivenUp") ?? false, row.GetInt32("LastStatus"), row.GetString("LastError"));
}
