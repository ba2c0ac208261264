using System.Text.Json.Nodes;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Storage;

namespace PartnerBot.Tests.Handoff;

/// <summary>The live chat store on every provider: one winner per change, threads found from any instance, erasure leaves nothing.</summary>
public abstract class LiveChatStoreContractTests
{
    protected abstract Stores Store { get; }

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T10:00:00Z");

    private static LiveChat Chat(string id) => new()
    {
        Id = id,
        ChannelId = "directline",
        ConversationId = id.Split('/')[2],
        Reference = new JsonObject { ["conversation"] = new JsonObject { ["id"] = id.Split('/')[2] } },
        Embedded = true,
        ProspectName = "Vera Prospect",
        Status = LiveChatStatus.Waiting,
        RequestedAt = Now,
        LastActivityAt = Now,
        Backlog = ["**Vera Prospect:** hello?"],
    };

    [Fact]
    public async Task A_chat_is_created_once_and_of_two_joins_from_the_same_version_one_wins()
    {
        var chats = Store.LiveChats;
        var created = await chats.TrySaveAsync(Chat("directline/conversations/c1"), default);
        Assert.NotNull(created);
        Assert.Null(await chats.TrySaveAsync(Chat("directline/conversations/c1"), default));

        var read = (await chats.GetAsync("directline/conversations/c1", default))!;
        Assert.Equal(("Vera Prospect", LiveChatStatus.Waiting, "**Vera Prospect:** hello?"), (read.ProspectName, read.Status, read.Backlog.Single()));
        var ann = await chats.TrySaveAsync(read with { Status = LiveChatStatus.Joined, Agent = new SalesPerson("aad-ann", "Ann Sales") }, default);
        var bob = await chats.TrySaveAsync(read with { Status = LiveChatStatus.Joined, Agent = new SalesPerson("aad-bob", "Bob Sales") }, default);

        Assert.NotNull(ann);
        Assert.Null(bob);
        Assert.Equal("Ann Sales", (await chats.GetAsync("directline/conversations/c1", default))!.Agent!.Name);
        Assert.NotNull(await chats.TrySaveAsync(ann! with { LastActivityAt = Now.AddMinutes(1) }, default));
    }

    [Fact]
    public async Task Open_lists_waiting_and_joined_chats_only()
    {
        var chats = Store.LiveChats;
        await chats.TrySaveAsync(Chat("directline/conversations/w"), default);
        await chats.TrySaveAsync(Chat("directline/conversations/j") with { Status = LiveChatStatus.Joined }, default);
        await chats.TrySaveAsync(Chat("directline/conversations/e") with { Status = LiveChatStatus.Ended }, default);
        await chats.TrySaveAsync(Chat("directline/conversations/n") with { Status = LiveChatStatus.NobodyCame }, default);

        Assert.Equal(["directline/conversations/j", "directline/conversations/w"], (await chats.OpenAsync(default)).Select(c => c.Id).Order());
    }

    [Fact]
    public async Task A_thread_names_its_chat_and_the_update_helper_retries_a_lost_race()
    {
        var chats = Store.LiveChats;
        await chats.TrySaveAsync(Chat("msteams/conversations/a:1"), default);
        await chats.AddThreadAsync("19:leads@thread.tacv2;messageid=1700000000001", "msteams/conversations/a:1", default);
        await chats.AddThreadAsync("19:leads@thread.tacv2;messageid=1700000000001", "msteams/conversations/a:1", default);

        Assert.Equal("msteams/conversations/a:1", await chats.FindByThreadAsync("19:leads@thread.tacv2;messageid=1700000000001", default));
        Assert.Null(await chats.FindByThreadAsync("19:leads@thread.tacv2;messageid=1700000000002", default));

        var raced = false;
        var updated = await chats.UpdateAsync("msteams/conversations/a:1", chat =>
        {
            if (!raced)
            {
                raced = true;
                // Someone else writes between this read and its write.
                chats.TrySaveAsync(chat with { ProspectName = "Changed elsewhere" }, default).GetAwaiter().GetResult();
            }
            return chat with { Status = LiveChatStatus.Ended };
        }, default);
        Assert.Equal((LiveChatStatus.Ended, "Changed elsewhere"), (updated!.Status, updated.ProspectName));
        Assert.Null(await chats.UpdateAsync("msteams/conversations/none", chat => chat, default));
    }

    [Fact]
    public async Task Erasing_the_lead_removes_its_chat_and_threads()
    {
        var id = "directline/conversations/erase-me";
        await Store.Records.SaveFromTurnAsync(new ConversationRecord
        {
            Id = id, ConversationId = "erase-me", ChannelId = "directline", StartedAt = Now, LastActivityAt = Now, Consent = Consent.Granted,
        }, default);
        await Store.LiveChats.TrySaveAsync(Chat(id), default);
        await Store.LiveChats.AddThreadAsync("19:leads@thread.tacv2;messageid=1700000000009", id, default);
        await Store.LiveChats.TrySaveAsync(Chat("directline/conversations/someone-else"), default);

        Assert.True(await Store.Erasure.EraseAsync(id, default));

        Assert.Null(await Store.LiveChats.GetAsync(id, default));
        Assert.Null(await Store.LiveChats.FindByThreadAsync("19:leads@thread.tacv2;messageid=1700000000009", default));
        Assert.NotNull(await Store.LiveChats.GetAsync("directline/conversations/someone-else", default));
    }
}

public sealed class SqliteLiveChatStoreTests : LiveChatStoreContractTests, IAsyncDisposable
{
    private readonly string _directory = TestDirectory.Create();
    private readonly Stores _store;

    public SqliteLiveChatStoreTests() => _store = Stores.Sqlite(Path.Combine(_directory, "livechats.db"));

    protected override Stores Store => _store;

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableLiveChatStoreTests(AzuriteFixture fixture) : LiveChatStoreContractTests, IAsyncDisposable
{
    private readonly Stores _store = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix());

    protected override Stores Store => _store;

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
