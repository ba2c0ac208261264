using Azure;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Lead alerts in <c>&lt;prefix&gt;alerts</c>: partition <c>subscription</c> (a row per channel, keyed by its
/// encoded id) and partition <c>alert</c> (a row per alert, keyed by its id). The outbox is one partition, so the
/// sender's "what is due" is a partition query, never a table scan.
/// </summary>
public sealed class TableLeadAlerts(AzureTableContext context) : ILeadAlerts
{
    private const string SubscriptionPartition = "subscription";
    private const string AlertPartition = "alert";

    public Task SubscribeAsync(AlertSubscription subscription, CancellationToken cancellationToken) => context.RunAsync("alerts.subscribe", () =>
        context.Alerts.UpsertEntityAsync(new TableEntity(SubscriptionPartition, TableKeys.Encode(subscription.Id))
        {
            ["Id"] = subscription.Id,
            ["ServiceUrl"] = subscription.ServiceUrl,
            ["TenantId"] = subscription.TenantId,
            ["TeamId"] = subscription.TeamId,
            ["BotId"] = subscription.BotId,
            ["SubscribedBy"] = subscription.SubscribedBy,
            ["SubscribedAt"] = subscription.SubscribedAt,
            ["Active"] = true,
            ["InactiveReason"] = "",
        }, TableUpdateMode.Replace, cancellationToken), cancellationToken);

    public Task<bool> DeactivateAsync(string subscriptionId, string reason, CancellationToken cancellationToken) => context.RunAsync("alerts.deactivate", async () =>
    {
        var existing = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(SubscriptionPartition, TableKeys.Encode(subscriptionId), cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value!.GetBoolean("Active") != true) return false;
        try
        {
            await context.Alerts.UpdateEntityAsync(new TableEntity(SubscriptionPartition, TableKeys.Encode(subscriptionId)) { ["Active"] = false, ["InactiveReason"] = reason },
                existing.Value.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // Changed meanwhile (subscribed again, or deactivated by someone else): that change stands.
            return false;
        }
    }, cancellationToken);

    public Task<AlertSubscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) => context.RunAsync("alerts.subscription", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(SubscriptionPartition, TableKeys.Encode(subscriptionId), cancellationToken: cancellationToken);
        return found.HasValue ? ReadSubscription(found.Value!) : null;
    }, cancellationToken);

    public Task<IReadOnlyList<AlertSubscription>> ActiveSubscriptionsAsync(CancellationToken cancellationToken) => context.RunAsync<IReadOnlyList<AlertSubscription>>("alerts.subscriptions", async () =>
    {
        var found = new List<AlertSubscription>();
        await foreach (var row in context.Alerts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SubscriptionPartition} and Active eq true"), cancellationToken: cancellationToken))
        {
            found.Add(ReadSubscription(row));
        }
        return found.OrderBy(s => s.SubscribedAt).ToList();
    }, cancellationToken);

    public Task<bool> EnqueueAsync(LeadAlert alert, CancellationToken cancellationToken) => context.RunAsync("alerts.enqueue", async () =>
    {
        try
        {
            await context.Alerts.AddEntityAsync(ToEntity(alert), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }, cancellationToken);

    public Task<LeadAlert?> GetAlertAsync(string alertId, CancellationToken cancellationToken) => context.RunAsync("alerts.alert", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(AlertPartition, alertId, cancellationToken: cancellationToken);
        return found.HasValue ? ReadAlert(found.Value!) : null;
    }, cancellationToken);

    public Task<IReadOnlyList<LeadAlert>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => context.RunAsync<IReadOnlyList<LeadAlert>>("alerts.due", async () =>
    {
        var found = new List<LeadAlert>();
        await foreach (var row in context.Alerts.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {AlertPartition} and Pending eq true and DueAt le {now}"), cancellationToken: cancellationToken))
        {
            found.Add(ReadAlert(row));
        }
        return found.OrderBy(a => a.DueAt).Take(limit).ToList();
    }, cancellationToken);

    public Task<LeadAlert?> TryTakeAsync(LeadAlert alert, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => context.RunAsync<LeadAlert?>("alerts.take", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(AlertPartition, alert.Id, cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var stored = ReadAlert(found.Value!);
        if (!stored.Pending || stored.DueAt != alert.DueAt || stored.Attempts != alert.Attempts) return null;
        var taken = stored with { DueAt = leaseUntil, Attempts = stored.Attempts + 1 };
        try
        {
            await context.Alerts.UpdateEntityAsync(ToEntity(taken), found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return taken;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return null;
        }
    }, cancellationToken);

    public Task<bool> TryAdvanceAsync(string alertId, DateTimeOffset dueAt, CancellationToken cancellationToken) => context.RunAsync("alerts.advance", async () =>
    {
        var found = await context.Alerts.GetEntityIfExistsAsync<TableEntity>(AlertPartition, alertId, cancellationToken: cancellationToken);
        if (!found.HasValue) return false;
        var stored = ReadAlert(found.Value!);
        if (!stored.Pending || stored.Attempts != 0 || stored.DueAt <= dueAt) return false;
        try
        {
            // With the row's ETag: a sender that took it meanwhile wins.
            await context.Alerts.UpdateEntityAsync(ToEntity(stored with { DueAt = dueAt }), found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }, cancellationToken);

    public Task UpdateAsync(LeadAlert alert, CancellationToken cancellationToken) => context.RunAsync("alerts.update", async () =>
    {
        try
        {
            await context.Alerts.UpdateEntityAsync(ToEntity(alert), ETag.All, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Erased with its lead meanwhile: nothing left to update, as on SQLite.
        }
    }, cancellationToken);

    private static TableEntity ToEntity(LeadAlert alert) => new(AlertPartition, alert.Id)
    {
        ["RecordId"] = alert.RecordId,
        ["SubscriptionId"] = alert.SubscriptionId,
        ["CreatedAt"] = alert.CreatedAt,
        ["DueAt"] = alert.DueAt,
        ["Attempts"] = alert.Attempts,
        ["SentAt"] = alert.SentAt,
        ["ActivityId"] = alert.ActivityId,
        ["GivenUp"] = alert.GivenUp,
        ["LastError"] = alert.LastError,
        ["Pending"] = alert.Pending,
    };

    private static AlertSubscription ReadSubscription(TableEntity row) => new(
        row.GetString("Id"), row.GetString("ServiceUrl"), row.GetString("TenantId"), row.GetString("TeamId"), row.GetString("BotId"),
        row.GetString("SubscribedBy"), row.GetDateTimeOffset("SubscribedAt") ?? default, row.GetBoolean("Active") ?? false,
        row.GetString("InactiveReason") is { Length: > 0 } reason ? reason : null);

    private static LeadAlert ReadAlert(TableEntity row) => new(
        row.RowKey, row.GetString("RecordId"), row.GetString("SubscriptionId"), row.GetDateTimeOffset("CreatedAt") ?? default, row.GetDateTimeOffset("DueAt") ?? default,
        row.GetInt32("Attempts") ?? 0, row.GetDateTimeOffset("SentAt"), row.GetString("ActivityId"), row.GetBoolean("GivenUp") ?? false, row.GetString("LastError"));

    /// <summary>Removes a lead's alert outbox rows (one per channel), when the lead expires or is erased.</summary>
    internal static async Task DeleteForRecordAsync(AzureTableContext context, string recordId, CancellationToken cancellationToken)
    {
        await foreach (var alert in context.Alerts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AlertPartition} and RecordId eq {recordId}"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await context.Alerts.DeleteEntityAsync(alert.PartitionKey, alert.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
            }
        }
    }
}
