using System.Text;
using System.Text.Json;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// What every store's Direct Line log must do: watermarks, the count and byte bounds of what a conversation keeps
/// (the newest activity always kept), and pages bounded in count and bytes that continue from their watermark.
/// A provider runs these by deriving a class that creates a fresh, empty log.
/// </summary>
public abstract class DirectLineLogContractTests : IDisposable
{
    private static readonly DirectLinePage Everything = new(1000, long.MaxValue);
    private static readonly DirectLineRetention KeepAll = new(1000, long.MaxValue);

    protected abstract IDirectLineLog Log { get; }

    public abstract void Dispose();

    [Fact]
    public async Task Activities_get_consecutive_watermarks_and_ids_and_read_back_in_order()
    {
        Assert.True(await Log.CreateConversationAsync("c1", "dl_u", default));
        Assert.False(await Log.CreateConversationAsync("c1", "dl_other", default));
        Assert.True(await Log.ConversationExistsAsync("c1", default));
        Assert.False(await Log.ConversationExistsAsync("c2", default));

        var first = Message("one");
        Assert.Equal(1, await Log.AppendAsync("c1", first, KeepAll, default));
        Assert.Equal(2, await Log.AppendAsync("c1", Message("two"), KeepAll, default));

        Assert.Equal("c1|0000001", first.Id);
        var (all, watermark) = await Log.ReadAsync("c1", null, Everything, default);
        Assert.Equal(["one", "two"], all.Select(a => a.Text));
        Assert.Equal(2, watermark);
        var (after, same) = await Log.ReadAsync("c1", 2, Everything, default);
        Assert.Empty(after);
        Assert.Equal(2, same);
    }

    [Fact]
    public async Task Only_the_newest_activities_within_the_count_and_the_bytes_are_kept()
    {
        await Log.CreateConversationAsync("c1", "dl_u", default);
        var keep = new DirectLineRetention(5, 3 * SizeOf(Message(new string('x', 1000), "c1|0000001")) + 10);

        for (var i = 1; i <= 4; i++) await Log.AppendAsync("c1", Message($"small {i}"), keep, default);
        Assert.Equal(["small 1", "small 2", "small 3", "small 4"], await TextsAsync());
        for (var i = 5; i <= 7; i++) await Log.AppendAsync("c1", Message($"small {i}"), keep, default);
        Assert.Equal(["small 3", "small 4", "small 5", "small 6", "small 7"], await TextsAsync());

        // Three large ones fill the byte budget: everything older goes.
        for (var i = 1; i <= 3; i++) await Log.AppendAsync("c1", Message(new string((char)('a' + i), 1000)), keep, default);
        Assert.Equal(3, (await TextsAsync()).Count);
        Assert.All(await TextsAsync(), text => Assert.Equal(1000, text!.Length));

        // One larger than the whole budget is still kept, alone.
        await Log.AppendAsync("c1", Message(new string('z', 5000)), keep, default);
        Assert.Equal([new string('z', 5000)], await TextsAsync());
        var (_, watermark) = await Log.ReadAsync("c1", null, Everything, default);
        Assert.Equal(11, watermark);
    }

    [Fact]
    public async Task A_page_is_bounded_in_count_and_bytes_and_continues_from_its_watermark()
    {
        await Log.CreateConversationAsync("c1", "dl_u", default);
        for (var i = 1; i <= 7; i++) await Log.AppendAsync("c1", Message($"m{i}" + new string('.', 500)), KeepAll, default);
        var one = SizeOf(Message("m1" + new string('.', 500), "c1|0000001"));

        var (byCount, countMark) = await Log.ReadAsync("c1", null, new DirectLinePage(3, long.MaxValue), default);
        var (byBytes, bytesMark) = await Log.ReadAsync("c1", countMark, new DirectLinePage(100, 2 * one + one / 2), default);
        var (tooSmall, smallMark) = await Log.ReadAsync("c1", bytesMark, new DirectLinePage(100, 10), default);
        var (rest, lastMark) = await Log.ReadAsync("c1", smallMark, Everything, default);

        Assert.Equal(["m1", "m2", "m3"], byCount.Select(a => a.Text![..2]));
        Assert.Equal(3, countMark);
        Assert.Equal(["m4", "m5"], byBytes.Select(a => a.Text![..2]));
        Assert.Equal(5, bytesMark);
        Assert.Equal(["m6"], tooSmall.Select(a => a.Text![..2]));
        Assert.Equal(6, smallMark);
        Assert.Equal(["m7"], rest.Select(a => a.Text![..2]));
        Assert.Equal(7, lastMark);
    }

    [Fact]
    public async Task Redaction_rewrites_every_kept_activity_and_the_byte_bound_follows()
    {
        await Log.CreateConversationAsync("c1", "dl_visitor", default);
        await Log.AppendAsync("c1", new Activity { Type = ActivityTypes.Message, Text = "I am Bob " + new string('b', 1000), From = new ChannelAccount { Id = "dl_visitor", Name = "Bob" } }, KeepAll, default);
        await Log.AppendAsync("c1", Message("Hello Bob " + new string('h', 1000)), KeepAll, default);

        await Log.RedactAsync("c1", a => new Activity { Type = a.Type, Id = a.Id }, id => "h:" + id.Length, default);
        await Log.RedactAsync("missing", a => a, id => id, default);

        var (activities, watermark) = await Log.ReadAsync("c1", null, Everything, default);
        Assert.Equal(2, watermark);
        Assert.All(activities, a => Assert.Null(a.Text));
        Assert.All(activities, a => Assert.Null(a.From));
        Assert.Equal(["c1|0000001", "c1|0000002"], activities.Select(a => a.Id));

        // The redacted activities are small now: a budget for three small ones keeps them both beside a new one.
        var small = SizeOf(new Activity { Type = ActivityTypes.Message, Id = "c1|0000001" });
        await Log.AppendAsync("c1", new Activity { Type = ActivityTypes.Message, Id = null }, new DirectLineRetention(10, 3 * small + 10), default);
        Assert.Equal(3, (await Log.ReadAsync("c1", null, Everything, default)).Activities.Count);
    }

    private async Task<List<string?>> TextsAsync() => (await Log.ReadAsync("c1", null, Everything, default)).Activities.Select(a => a.Text).ToList();

    private static Activity Message(string text, string? id = null) => new() { Type = ActivityTypes.Message, Text = text, Id = id };

    private static long SizeOf(Activity activity) => Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(activity, BotJson.Options));
}
