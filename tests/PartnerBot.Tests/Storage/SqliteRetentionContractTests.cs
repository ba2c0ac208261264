using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The retention contract on a real SQLite file.</summary>
public sealed class SqliteRetentionContractTests : RetentionContractTests, IAsyncDisposable
{
    private readonly string _directory = TestDirectory.Create();
    private readonly Stores _store;

    public SqliteRetentionContractTests() => _store = Stores.Sqlite(Path.Combine(_directory, "retention.db"), Clock);

    protected override Stores Store => _store;

    protected override IRetentionStore Retention => _store.Retention;

    protected override ILeadAlerts Alerts => _store.Alerts;

    // PartnerBotApplication puts the app on its own SQLite file.
    protected override Dictionary<string, string?> AppStorageSettings => new();

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }
}
