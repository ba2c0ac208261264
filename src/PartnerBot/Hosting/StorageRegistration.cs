using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Hosting;

public static class StorageRegistration
{
    /// <summary>
    /// Registers the configured store behind every storage interface (the provider is chosen here only), the
    /// start-up checks of storage and keys, the storage health check, 503 for requests while storage is
    /// unavailable, and the retention job.
    /// </summary>
    public static IHostApplicationBuilder AddBotStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.IsAzureTable || string.Equals(o.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase), "Storage:Provider must be 'Sqlite' or 'AzureTable'.")
            .Validate(o => !o.IsAzureTable || string.IsNullOrWhiteSpace(o.ConnectionString) != string.IsNullOrWhiteSpace(o.TableServiceUri),
                "Storage:Provider 'AzureTable' needs exactly one of Storage:ConnectionString and Storage:TableServiceUri.")
            .ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.AnonymousDays > 0 && o.LeadDays > 0 && o.LedgerDays > 0 && o.AbandonedHours > 0 && o.IntervalMinutes > 0,
                "Retention:AnonymousDays, LeadDays, LedgerDays, AbandonedHours and IntervalMinutes must be positive.")
            .ValidateOnStart();

        // First of the hosted services, so nothing else starts on a database or key that is not usable.
        builder.Services.AddSingleton<StartupChecks>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupChecks>());
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (options.IsAzureTable) builder.Services.AddAzureTableStorage();
        else builder.Services.AddSqliteStorage();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
        return builder;
    }

    public static string ResolvePath(IHostEnvironment environment, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);

    /// <summary>A generated key's file: in <c>Storage:KeysDirectory</c>, or beside the SQLite database when that is not set.</summary>
    public static string KeyFile(IHostEnvironment environment, StorageOptions storage, string fileName) =>
        Path.Combine(string.IsNullOrWhiteSpace(storage.KeysDirectory)
            ? Path.GetDirectoryName(ResolvePath(environment, storage.SqlitePath))!
            : ResolvePath(environment, storage.KeysDirectory), fileName);
}
