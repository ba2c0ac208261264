using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Storage is healthy when a write is stored within a few seconds: a row of its own beside the sales list's meta row,
/// replaced each time (a read alone answers from an account that refuses writes: a read-only lock, a revoked key's
/// narrower replacement, a full account).
/// </summary>
public sealed class AzureTableHealthCheck(AzureTableContext context) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private const string ProbeRow = "health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext healthContext, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var probe = new TableEntity(TableConversationRecords.MetaPartition, ProbeRow) { ["CheckedAt"] = context.Clock.GetUtcNow() };
            await context.Leads.UpsertEntityAsync(probe, TableUpdateMode.Replace, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return HealthCheckResult.Unhealthy($"Azure Table storage is unreachable: {exception.GetType().Name}");
        }
    }
}
