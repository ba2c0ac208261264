using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerBot.Storage.AzureTable;

/// <summary>Storage is healthy when a point read on the provider's table answers (404 included) within a few seconds.</summary>
public sealed class AzureTableHealthCheck(AzureTableContext context) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext healthContext, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await context.Conversations.GetEntityIfExistsAsync<TableEntity>("health", "probe", ["PartitionKey"], timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return HealthCheckResult.Unhealthy($"Azure Table storage is unreachable: {exception.GetType().Name}");
        }
    }
}
