using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Protocol;

/// <summary>
/// The Connector reply and retry contract on Azure Table storage (Azurite), where a new activity's duplicate check
/// is the create-only marker of its inbound transcript row rather than a read of the ledger.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableConnectorReplyTests(AzuriteFixture fixture) : ConnectorReplyContract
{
    protected override IDictionary<string, string?> StorageSettings { get; } = new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "AzureTable",
        ["Storage:ConnectionString"] = fixture.Azurite.ConnectionString,
        ["Storage:TablePrefix"] = Azurite.NewPrefix(),
    };
}
