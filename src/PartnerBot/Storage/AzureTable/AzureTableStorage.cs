using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Hosting;

namespace PartnerBot.Storage.AzureTable;

public static class AzureTableStorage
{
    /// <summary>
    /// The Azure Table provider: one <see cref="AzureTableContext"/> (one client, one connection pool) shared by a
    /// small store per storage interface, the start-up check that creates the tables, and the storage health check.
    /// Extra <see cref="HttpPipelinePolicy"/> registrations (the benchmark's request counter) join its pipeline.
    /// </summary>
    public static IServiceCollection AddAzureTableStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var client = AzureTableContext.CreateClient(options, sp.GetServices<HttpPipelinePolicy>());
            return new AzureTableContext(client, options.TablePrefix, sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        services.AddSingleton<IStartupCheck, AzureTableStartup>();
        // What the stores of one turn hand each other: a row read early, a duplicate check a write answers.
        services.AddSingleton<TurnReadCache>();
        services.AddSingleton<PendingDuplicateChecks>();
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
        services.AddSingleton<ILiveChats, TableLiveChats>();
        services.AddSingleton<IWebhookOutbox, TableWebhookOutbox>();
        services.AddHealthChecks().AddCheck<AzureTableHealthCheck>("storage");
        return services;
    }
}
