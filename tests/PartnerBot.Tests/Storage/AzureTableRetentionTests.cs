using Azure.Data.Tables;
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

    [Fact]
    public async Task An_index_row_a_failed_move_left_behind_goes_once_it_has_settled_and_a_record_without_its_row_name_keeps_its_own()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = AzureTableStoreTests.Create(_fixture.Azurite.ConnectionString, Azurite.NewPrefix(), clock: clock);
        await SaveAsync(store, clock, "webchat/conversations/moved");
        await SaveAsync(store, clock, "webchat/conversations/legacy");
        var (movedRow, legacyRow) = (await IndexRowAsync(store, "webchat/conversations/moved"), await IndexRowAsync(store, "webchat/conversations/legacy"));
        // What a move from last month leaves when its delete failed: the lead listed a second time, at its old time.
        var leftBehind = new TableEntity(movedRow) { PartitionKey = clock.GetUtcNow().AddMonths(-1).ToString("yyyy-MM"), RowKey = "9" + movedRow.RowKey[1..] };
        await store.Context.Leads.AddEntityAsync(leftBehind);
        await ForgetIndexRowNameAsync(store, "webchat/conversations/legacy");
        var retention = new TableRetention(store.Context);
        var cutoffs = new RetentionOptions().CutoffsAt(clock.GetUtcNow());

        await retention.PurgeAsync(cutoffs, default);
        Assert.True((await store.Context.Leads.GetEntityIfExistsAsync<TableEntity>(leftBehind.PartitionKey, leftBehind.RowKey)).HasValue, "A fresh row may be a move in progress.");

        clock.Advance(TableRetention.IndexRowSettleTime + TimeSpan.FromMinutes(1));
        await retention.PurgeAsync(new RetentionOptions().CutoffsAt(clock.GetUtcNow()), default);

        Assert.False((await store.Context.Leads.GetEntityIfExistsAsync<TableEntity>(leftBehind.PartitionKey, leftBehind.RowKey)).HasValue);
        Assert.True((await store.Context.Leads.GetEntityIfExistsAsync<TableEntity>(movedRow.PartitionKey, movedRow.RowKey)).HasValue);
        Assert.True((await store.Context.Leads.GetEntityIfExistsAsync<TableEntity>(legacyRow.PartitionKey, legacyRow.RowKey)).HasValue);
        var listed = (await store.QueryAsync(new ConversationQuery(), default)).Records.Select(r => r.Id).Order();
        Assert.Equal(["webchat/conversations/legacy", "webchat/conversations/moved"], listed);
    }

    private static Task SaveAsync(AzureTableStores store, TimeProvider clock, string id) => store.SaveFromTurnAsync(new ConversationRecord
    {
        Id = id, ConversationId = id.Split('/')[^1], ChannelId = "webchat", StartedAt = clock.GetUtcNow(), LastActivityAt = clock.GetUtcNow(),
        MessageCount = 1, Consent = Consent.Granted,
    }, default);

    private static async Task<TableEntity> IndexRowAsync(AzureTableStores store, string id)
    {
        var (partition, row) = TableConversationRecords.KeyOf(id);
        var record = (await store.Context.Conversations.GetEntityAsync<TableEntity>(partition, row)).Value;
        return (await store.Context.Leads.GetEntityAsync<TableEntity>(record.GetString("IndexPartition"), record.GetString("IndexRow"))).Value;
    }

    /// <summary>Makes the record look like one written before records named their index row.</summary>
    private static async Task ForgetIndexRowNameAsync(AzureTableStores store, string id)
    {
        var (partition, row) = TableConversationRecords.KeyOf(id);
        var record = (await store.Context.Conversations.GetEntityAsync<TableEntity>(partition, row)).Value;
        record.Remove("IndexPartition");
        record.Remove("IndexRow");
        await store.Context.Conversations.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace);
    }
}
