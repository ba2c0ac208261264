using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Hosting;

public static class StorageRegistration
{
    /// <summary>Registers the configured store behind every storage interface. The provider is chosen here only.</summary>
    public static IHostApplicationBuilder AddBotStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.Equals(o.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase), "Storage:Provider must be 'Sqlite'.")
            .ValidateOnStart();

        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
            var environment = services.GetRequiredService<IHostEnvironment>();
            return new SqliteStore(ResolvePath(environment, options.SqlitePath));
        });
        builder.Services.AddSingleton<IStorage>(services => services.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton<ITranscriptStore>(services => services.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton<IConversationRecords>(services => services.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton<ITurnLedger>(services => services.GetRequiredService<SqliteStore>());
        return builder;
    }

    public static string ResolvePath(IHostEnvironment environment, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
}
