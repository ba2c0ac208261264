using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The Direct Line log contract on Azure Table storage (Azurite), each test with its own tables, and what several instances on one table need.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableDirectLineLogTests(AzuriteFixture fixture) : DirectLineLogContractTests
{
    private readonly Lazy<Stores> _store = new(() => AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix()));

    protected override IDirectLineLog Log => _store.Value.DirectLine;

    private static readonly DirectLinePage Everything = new(1000, long.MaxValue);
    private static readonly DirectLineRetention KeepAll = new(1000, long.MaxValue);

    public override void Dispose()
    {
    }

    [Fact]
    public async Task A_direct_line_append_after_this_instances_own_is_one_request_and_a_stale_copy_costs_a_read()
    {
        var counter = new RequestCounter();
        var prefix = Azurite.NewPrefix();
        var one = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, prefix, counter);
        var two = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, prefix);
        await one.DirectLine.CreateConversationAsync("dl-own", "u", default);

        counter.Reset();
        await one.DirectLine.AppendAsync("dl-own", new Activity { Type = "message", Text = "hi" }, KeepAll, default);
        await one.DirectLine.AppendAsync("dl-own", new Activity { Type = "message", Text = "Hello" }, KeepAll, default);
        Assert.Equal(2, counter.Count);

        await two.DirectLine.AppendAsync("dl-own", new Activity { Type = "message", Text = "from the other instance" }, KeepAll, default);
        counter.Reset();
        var watermark = await one.DirectLine.AppendAsync("dl-own", new Activity { Type = "message", Text = "after it" }, KeepAll, default);

        // The refused transaction, the meta row, the transaction again.
        Assert.Equal(3, counter.Count);
        Assert.Equal(4, watermark);
        Assert.Equal(["hi", "Hello", "from the other instance", "after it"],
            (await two.DirectLine.ReadAsync("dl-own", null, Everything, default)).Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task A_direct_line_append_whose_answer_was_lost_is_not_appended_again_by_the_resend()
    {
        var lose = new LoseBatchAnswer();
        var store = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix(), lose);
        await store.DirectLine.CreateConversationAsync("dl-lost", "u", default);

        lose.Arm();
        var first = await store.DirectLine.AppendAsync("dl-lost", new Activity { Type = "message", Text = "hi" }, KeepAll, default);
        var second = await store.DirectLine.AppendAsync("dl-lost", new Activity { Type = "message", Text = "Hello" }, KeepAll, default);

        Assert.True(lose.Lost);
        Assert.Equal((1, 2), (first, second));
        Assert.Equal(["hi", "Hello"], (await store.DirectLine.ReadAsync("dl-lost", null, Everything, default)).Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task Concurrent_appends_from_two_instances_take_distinct_watermarks()
    {
        var prefix = Azurite.NewPrefix();
        var one = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, prefix);
        var two = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, prefix);
        await one.DirectLine.CreateConversationAsync("dl-race", "u", default);

        var watermarks = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? one : two).DirectLine.AppendAsync("dl-race", new Activity { Type = "message", Text = $"m{i}" }, KeepAll, default)));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), watermarks.Order());
        Assert.Equal(10, (await two.DirectLine.ReadAsync("dl-race", null, Everything, default)).Activities.Count);
    }
}
