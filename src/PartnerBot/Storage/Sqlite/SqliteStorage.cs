using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Hosting;

namespace PartnerBot.Storage.Sqlite;

public static class SqliteStorage
{
    /// <summary>
    /// The embedded provider: one <see cref="SqliteDatabase"/> (the file named by <c>Storage:SqlitePath</c>) shared by
    /// a small store per storage interface, the start-up check that opens and verifies the file, and the storage
    /// health check. Needs <see cref="StorageOptions"/>, a <see cref="TimeProvider"/> and logging.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteDatabase(StorageRegistration.ResolvePath(sp.GetRequiredService<IHostEnvironment>(), options.SqlitePath), sp.GetRequiredService<TimeProvider>(),
                options.WalLimitMegabytes * 1024L * 1024, options.AllowNewDatabase, sp.GetRequiredService<ILogger<SqliteDatabase>>());
        });
        services.AddSingleton<IStartupCheck, ResolvesCheck<SqliteDatabase>>();
        services.AddSingleton<SqliteStateStore>();
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<SqliteStateStore>());
        services.AddSingleton<SqliteTranscriptStore>();
        services.AddSingleton<ITranscriptStore>(sp => sp.GetRequiredService<SqliteTranscriptStore>());
        services.AddSingleton<SqliteConversationRecords>();
        services.AddSingleton<IConversationRecords>(sp => sp.GetRequiredService<SqliteConversationRecords>());
        services.AddSingleton<ITurnLedger, SqliteTurnLedger>();
        services.AddSingleton<IDirectLineLog, SqliteDirectLineLog>();
        services.AddSingleton<IRetentionStore, SqliteRetention>();
        services.AddSingleton<IConversationErasure, SqliteErasure>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<ISalesStatistics, SqliteSalesStatistics>();
        services.AddSingleton<ILeadAlerts, SqliteLeadAlerts>();
        services.AddSingleton<ILiveChats, SqliteLiveChats>();
        services.AddSingleton<IWebhookOutbox, SqliteWebhookOutbox>();
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("storage");
        return services;
    }
}
