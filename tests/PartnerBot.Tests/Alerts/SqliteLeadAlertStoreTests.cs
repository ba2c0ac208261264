using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Storage;

namespace PartnerBot.Tests.Alerts;

public sealed class SqliteLeadAlertStoreTests : LeadAlertStoreContractTests, IAsyncDisposable
{
    private readonly string _directory = TestDirectory.Create();
    private readonly Stores _store;

    public SqliteLeadAlertStoreTests() => _store = Stores.Sqlite(Path.Combine(_directory, "alerts.db"));

    protected override ILeadAlerts Alerts => _store.Alerts;

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }
}
