using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Storage;

namespace PartnerBot.Tests.Alerts;

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableLeadAlertStoreTests(AzuriteFixture fixture) : LeadAlertStoreContractTests
{
    private readonly TableLeadAlerts _alerts = new(AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix()).Context!);

    protected override ILeadAlerts Alerts => _alerts;
}
