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
public sealed class AzureTableRetentionTests : RetentionContractTests
{
    private readonly AzuriteFixture _fixture;
    private readonly Stores _store;

    public AzureTableRetentionTests(AzuriteFixture fixture)
    {
        _fixture = fixture;
        _store = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix(), clock: Clock);
    }

    protected override Stores Store => _store;

    protected override IRetentionStore Retention => _store.Retention;

    protected override ILeadAlerts Alerts => _store.Alerts;

    protected override Dictionary<string, string?> AppStorageSettings => new()
    {
        ["Storage:Provider"] = "AzureTable",
        ["Storage:ConnectionString"] = _fixture.Azurite.ConnectionString,
        ["Storage:TablePrefix"] = Azurite.NewPrefix(),
    };

    [Fact]
    public async Task Index_rows_no_record_names_go_but_never_a_leads_only_row()
    {
        var store = AzureTableStoreTests.Create(_fixture.Azurite.ConnectionString, Azurite.NewPrefix());
        foreach (var name in new[] { "moved", "legacy", "stranded" }) await SaveAsync(store, "webchat/conversations/" + name);
        var moved = await IndexRowAsync(store, "webchat/conversations/moved");
        var legacy = await IndexRowAsync(store, "webchat/conversations/legacy");
        var stranded = await IndexRowAsync(store, "webchat/conversations/stranded");
        // What a move from last month leaves when its delete failed: the lead listed a second time, at its old time.
        var leftBehind = new TableEntity(moved) { PartitionKey = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM"), RowKey = "9" + moved.RowKey[1..] };
        await store.Context!.Leads.AddEntityAsync(leftBehind);
        // A row whose record is gone, and a record naming a row its failed move never wrote (its old row is all it has).
        var recordGone = new TableEntity(moved) { RowKey = "8" + moved.RowKey[1..], ["Id"] = "webchat/conversations/gone" };
        await store.Context!.Leads.AddEntityAsync(recordGone);
        await NameIndexRowAsync(store, "webchat/conversations/stranded", stranded.PartitionKey, "0" + stranded.RowKey[1..]);
        await NameIndexRowAsync(store, "webchat/conversations/legacy", null, null);

        await new TableRetention(store.Context!).PurgeAsync(new RetentionOptions().CutoffsAt(DateTimeOffset.UtcNow), default);

        Assert.False(await ExistsAsync(store, leftBehind));
        Assert.False(await ExistsAsync(store, recordGone));
        Assert.True(await ExistsAsync(store, moved));
        Assert.True(await ExistsAsync(store, legacy));
        Assert.True(await ExistsAsync(store, stranded));
        var listed = (await store.Records.QueryAsync(new ConversationQuery(), default)).Records.Select(r => r.Id).Order();
        Assert.Equal(["webchat/conversations/legacy", "webchat/conversations/moved", "webchat/conversations/stranded"], listed);
    }

    private static async Task<bool> ExistsAsync(Stores store, TableEntity row) =>
        (await store.Context!.Leads.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey)).HasValue;

    private static Task SaveAsync(Stores store, string id) => store.Records.SaveFromTurnAsync(new ConversationRecord
    {
        Id = id, ConversationId = id.Split('/')[^1], ChannelId = "webchat", StartedAt = DateTimeOffset.UtcNow, LastActivityAt = DateTimeOffset.UtcNow,
        MessageCount = 1, Consent = Consent.Granted,
    }, default);

    private static async Task<TableEntity> IndexRowAsync(Stores store, string id)
    {
        var (partition, row) = TableConversationRecords.KeyOf(id);
        var record = (await store.Context!.Conversations.GetEntityAsync<TableEntity>(partition, row)).Value;
        return (await store.Context!.Leads.GetEntityAsync<TableEntity>(record.GetString("IndexPartition"), record.GetString("IndexRow"))).Value;
    }

    /// <summary>Points the record at another index row, or (null) makes it look like one written before records named their row.</summary>
    private static async Task NameIndexRowAsync(Stores store, string id, string? partition, string? row)
    {
        var key = TableConversationRecords.KeyOf(id);
        var record = (await store.Context!.Conversations.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey)).Value;
        record.Remove("IndexPartition");
        record.Remove("IndexRow");
        if (partition is not null) record["IndexPartition"] = partition;
        if (row is not null) record["IndexRow"] = row;
        await store.Context!.Conversations.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace);
    }
}
