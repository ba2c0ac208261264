using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The sales contract on the real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableSalesStoreTests(AzuriteFixture fixture) : SalesStoreContractTests
{
    private readonly Stores _store = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix());

    protected override IConversationRecords Records => _store.Records;
    protected override ITranscriptStore Transcripts => _store.Transcripts;
    protected override IStorage State => _store.State;
    protected override ITurnLedger Ledger => _store.Ledger;
    protected override IDirectLineLog DirectLine => _store.DirectLine;
    protected override IConversationErasure Erasure => new TableErasure(_store.Context!);
    protected override IAuditLog Audit => new TableAuditLog(_store.Context!);
    protected override ISalesStatistics Statistics => new TableSalesStatistics(_store.Context!);
}
