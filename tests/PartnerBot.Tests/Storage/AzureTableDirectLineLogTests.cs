using PartnerBot.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The Direct Line log contract on Azure Table storage (Azurite), each test with its own tables.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableDirectLineLogTests(AzuriteFixture fixture) : DirectLineLogContractTests
{
    private readonly Lazy<Stores> _store = new(() => AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix()));

    protected override IDirectLineLog Log => _store.Value.DirectLine;

    public override void Dispose()
    {
    }
}
