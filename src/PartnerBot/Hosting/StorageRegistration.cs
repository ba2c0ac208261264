using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
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
        if (options.IsAzureTable) AddAzureTable(builder.Services);
        else AddSqlite(builder.Services);
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

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteStore(ResolvePath(sp.GetRequiredService<IHostEnvironment>(), options.SqlitePath), sp.GetRequiredService<TimeProvider>(), options.WalLimitMegabytes * 1024L * 1024, options.AllowNewDatabase,
                sp.GetRequiredService<ILogger<SqliteStore>>());
        });
        services.AddSingleton<IStartupCheck, ResolvesCheck<SqliteStore>>();
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ITranscriptStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IConversationRecords>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ITurnLedger>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IDirectLineLog>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStore>().Retention);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStore>().Erasure);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStore>().Audit);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStore>().Statistics);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStore>().Alerts);
        services.AddHostedService<RetentionService>();
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("storage");
    }

    /// <summary>
    /// One <see cref="AzureTableContext"/> (one client, one connection pool) shared by a small store per interface.
    /// Extra <see cref="HttpPipelinePolicy"/> registrations (the benchmark's request counter) join its pipeline.
    /// </summary>
    private static void AddAzureTable(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var client = AzureTableContext.CreateClient(options, sp.GetServices<HttpPipelinePolicy>());
            return new AzureTableContext(client, options.TablePrefix, sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        services.AddSingleton<IStartupCheck, AzureTableStartup>();
        services.AddSingleton<TableStateStore>();
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<TableStateStore>());
        services.AddSingleton<TableTranscriptStore>();
        services.AddSingleton<ITranscriptStore>(sp => sp.GetRequiredService<TableTranscriptStore>());
        services.AddSingleton<TableConversationRecords>();
        services.AddSingleton<IConversationRecords>(sp => sp.GetRequiredService<TableConversationRecords>());
        services.AddSingleton<ITurnLedger, TableTurnLedger>();
        services.AddSingleton<IDirectLineLog, TableDirectLineLog>();
        services.AddSingleton<IRetentionStore, TableRetention>();
        services.AddSingleton<IConversationErasure, TableErasure>();
        services.AddSingleton<IAuditLog, TableAuditLog>();
        services.AddSingleton<ISalesStatistics, TableSalesStatistics>();
        services.AddSingleton<ILeadAlerts, TableLeadAlerts>();
        services.AddHostedService<RetentionService>();
        services.AddHealthChecks().AddCheck<AzureTableHealthCheck>("storage");
    }
}
