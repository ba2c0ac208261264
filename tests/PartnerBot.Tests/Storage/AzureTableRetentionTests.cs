using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The retention contract on the real Azurite, and the retention job of an app running on Table storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableRetentionTests : RetentionContractTests<AzureTableStores>
{
    private readonly AzuriteFixture _fixture;
    private readonly AzureTableStores _store;

    public AzureTableRetentionTests(AzuriteFixture fixture)
    {
        _fixture = fixture;
        _store = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix(), clock: Clock);
    }

    protected override AzureTableStores Store => _store;

    protected override IRetentionStore Retention => new TableRetention(_store.Context);

    protected override ILeadAlerts Alerts => new TableLeadAlerts(_store.Context);

    protected override Dictionary<string, string?> AppStorageSettings => new()
    {
        ["Storage:Provider"] = "AzureTable",
        ["Storage:ConnectionString"] = _fixture.Azurite.ConnectionString,
        ["Storage:TablePrefix"] = Azurite.NewPrefix(),
    };
}
