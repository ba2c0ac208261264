using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Storage;
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
            .Validate(o => string.Equals(o.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase), "Storage:Provider must be 'Sqlite'.")
            .ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.AnonymousDays > 0 && o.LeadDays > 0 && o.LedgerDays > 0 && o.AbandonedHours > 0 && o.IntervalMinutes > 0,
                "Retention:AnonymousDays, LeadDays, LedgerDays, AbandonedHours and IntervalMinutes must be positive.")
            .ValidateOnStart();

        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var environment = services.GetRequiredService<IHostEnvironment>();
            return new SqliteStore(ResolvePath(environment, options.SqlitePath), services.GetRequiredService<TimeProvider>(), options.WalLimitMegabytes * 1024L * 1024);
        });
        builder.Services.AddSingleton<IStorage>(services => services.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton<ITranscriptStore>(services => services.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton<IConversationRecords>(services => services.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton<ITurnLedger>(services => services.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton(services => services.GetRequiredService<SqliteStore>().Retention);

        // First of the hosted services, so nothing else starts on a database or key that is not usable.
        builder.Services.AddHostedService<StartupChecks>();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddHealthChecks().AddCheck<SqliteHealthCheck>("storage");
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
        return builder;
    }

    public static string ResolvePath(IHostEnvironment environment, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
}
