using Microsoft.Extensions.Options;

namespace PartnerBot.Storage.AzureTable;

/// <summary>Creates the provider's tables before the app takes requests, so a bad setting fails the start, not the first turn.</summary>
public sealed class AzureTableStartup(AzureTableContext context, IOptions<StorageOptions> options) : Hosting.IStartupCheck
{
    public Task CheckAsync(CancellationToken cancellationToken)
    {
        var setting = string.IsNullOrWhiteSpace(options.Value.ConnectionString) ? $"{StorageOptions.Section}:TableServiceUri" : $"{StorageOptions.Section}:ConnectionString";
        return context.CreateTablesAsync(setting, cancellationToken);
    }
}
