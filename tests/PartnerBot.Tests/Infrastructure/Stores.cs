using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// One provider's stores, one per storage interface, registered exactly as the app registers them
/// (<see cref="SqliteStorage.AddSqliteStorage"/>, <see cref="AzureTableStorage.AddAzureTableStorage"/>), or taken
/// from a running app's services.
/// </summary>
public sealed class Stores(IServiceProvider services, IAsyncDisposable? owned = null) : IAsyncDisposable, IDisposable
{
    public IServiceProvider Services { get; } = services;

    public IStorage State => Services.GetRequiredService<IStorage>();
    public ITranscriptStore Transcripts => Services.GetRequiredService<ITranscriptStore>();
    public IConversationRecords Records => Services.GetRequiredService<IConversationRecords>();
    public ITurnLedger Ledger => Services.GetRequiredService<ITurnLedger>();
    public IDirectLineLog DirectLine => Services.GetRequiredService<IDirectLineLog>();
    public IRetentionStore Retention => Services.GetRequiredService<IRetentionStore>();
    public IConversationErasure Erasure => Services.GetRequiredService<IConversationErasure>();
    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();
    public ISalesStatistics Statistics => Services.GetRequiredService<ISalesStatistics>();
    public ILeadAlerts Alerts => Services.GetRequiredService<ILeadAlerts>();
    public ILiveChats LiveChats => Services.GetRequiredService<ILiveChats>();
    public IWebhookOutbox Webhooks => Services.GetRequiredService<IWebhookOutbox>();

    /// <summary>The SQLite database behind the stores (null on Table storage).</summary>
    public SqliteDatabase? Database => Services.GetService<SqliteDatabase>();

    /// <summary>The Table context behind the stores (null on SQLite).</summary>
    public AzureTableContext? Context => Services.GetService<AzureTableContext>();

    /// <summary>The embedded provider on a database file of its own; opening it checks the file, as at start-up.</summary>
    public static Stores Sqlite(string path, TimeProvider? clock = null, int? walLimitMegabytes = null)
    {
        var options = new StorageOptions { SqlitePath = path };
        if (walLimitMegabytes is { } limit) options.WalLimitMegabytes = limit;
        var services = Common(options, clock);
        services.AddSqliteStorage();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _ = provider.GetRequiredService<SqliteDatabase>();
        return new Stores(provider, provider);
    }

    /// <summary>The Table provider on Azurite, its tables created under <paramref name="prefix"/> as at start-up.</summary>
    public static Stores AzureTable(string connectionString, string prefix, HttpPipelinePolicy? policy = null, TimeProvider? clock = null)
    {
        var services = Common(new StorageOptions { Provider = "AzureTable", ConnectionString = connectionString, TablePrefix = prefix }, clock);
        if (policy is not null) services.AddSingleton(policy);
        services.AddAzureTableStorage();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<AzureTableContext>().CreateTablesAsync("Storage:ConnectionString", default).GetAwaiter().GetResult();
        return new Stores(provider, provider);
    }

    private static ServiceCollection Common(StorageOptions options, TimeProvider? clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        return services;
    }

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class TestHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "PartnerBot.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
