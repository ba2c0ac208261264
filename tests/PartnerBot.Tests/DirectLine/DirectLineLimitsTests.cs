using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>
/// What one client can make the embedded Direct Line hold: the size of one activity, the count and bytes one
/// conversation keeps (events the bot does not answer included), and the size of one page of backlog.
/// </summary>
public sealed class DirectLineLimitsTests : IDisposable
{
    private readonly PartnerBotApplication _app = new(settings: new Dictionary<string, string?>
    {
        ["DirectLine:MaxActivityBytes"] = "8192",
        ["DirectLine:MaxBytesPerConversation"] = "40000",
        ["DirectLine:PageActivities"] = "3",
        ["DirectLine:PageBytes"] = "20000",
        ["DirectLine:PostBurst"] = "1000",
        ["DirectLine:PostsPerSecond"] = "1000",
        ["RateLimits:PostPerMinute"] = "100000",
        ["RateLimits:ReadPerMinute"] = "100000",
    });

    private readonly DirectLineClient _client;

    public DirectLineLimitsTests() => _client = new DirectLineClient(_app.CreateClient());

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_activity_over_the_size_limit_is_413_with_problem_details_and_is_not_kept()
    {
        var page = await _client.GetPageTokenAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, $"/conversations/{page.ConversationId}/activities", page.Token, DirectLineClient.Message(new string('x', 9000)));

        Assert.Equal((413, "MessageSizeTooBig"), await DirectLineClient.ErrorOf(response));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(413, problem["status"]!.GetValue<int>());
        Assert.Contains("8 KB", problem["detail"]!.GetValue<string>());
        Assert.Empty((await _client.GetActivitiesAsync(page.ConversationId, page.Token)).Activities);
        await _client.PostMessageAsync(page.ConversationId, page.Token, new string('x', 7000));
    }

    [Fact]
    public async Task Unanswered_events_cannot_grow_a_conversation_past_its_byte_budget()
    {
        var page = await _client.GetPageTokenAsync();
        await _client.PostMessageAsync(page.ConversationId, page.Token, "hi");

        for (var i = 0; i < 30; i++)
        {
            var filler = new Activity { Type = ActivityTypes.Event, Name = "something/unknown", Value = JsonValue.Create(new string((char)('a' + i % 26), 6000)) };
            using var response = await _client.SendAsync(HttpMethod.Post, $"/conversations/{page.ConversationId}/activities", page.Token, filler);
            response.EnsureSuccessStatusCode();
        }

        var kept = await ReadAllAsync(page);
        var bytes = kept.Sum(a => Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(a, BotJson.Options)));
        Assert.InRange(bytes, 1, 40000);
        Assert.InRange(kept.Count, 4, 8);
        Assert.Equal("something/unknown", kept[^1].Name);
        Assert.Equal(new string((char)('a' + 29 % 26), 6000), kept[^1].Value!.GetValue<string>());
        using var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var stored = connection.CreateCommand();
        stored.CommandText = "SELECT COALESCE(SUM(length(CAST(activity_json AS BLOB))), 0) FROM directline_activities";
        Assert.InRange((long)stored.ExecuteScalar()!, 1, 40000);
    }

    [Fact]
    public async Task The_backlog_comes_a_bounded_page_at_a_time_and_continues_from_the_watermark()
    {
        var page = await _client.GetPageTokenAsync();
        await _client.PostMessageAsync(page.ConversationId, page.Token, "hi");
        await _client.PostMessageAsync(page.ConversationId, page.Token, "yes", "client-2");
        await _client.PostMessageAsync(page.ConversationId, page.Token, new string('y', 7000), "client-3");
        await _client.PostMessageAsync(page.ConversationId, page.Token, new string('z', 7000), "client-4");

        var first = await _client.GetActivitiesAsync(page.ConversationId, page.Token, "0");
        var all = await ReadAllAsync(page);

        Assert.Equal(3, first.Activities.Count);
        Assert.Equal("3", first.Watermark);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => $"{page.ConversationId}|{i:D7}"), all.Select(a => a.Id));
        Assert.True(all.Count > 6);

        // The stream sends the same backlog one activity per frame, in order; the last of each page read from the
        // log carries the watermark to continue from.
        var sockets = _app.Server.CreateWebSocketClient();
        using var socket = await sockets.ConnectAsync(new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?watermark=0&t={Uri.EscapeDataString(page.Token)}"), default);
        var streamed = new List<Activity>();
        var watermarks = new List<string>();
        while (streamed.Count < all.Count)
        {
            var frame = await StreamFrames.ReceiveSetAsync(socket);
            streamed.Add(Assert.Single(frame.Activities));
            if (frame.Watermark is { } mark)
            {
                Assert.Equal(frame.Activities[0].Id![^7..].TrimStart('0'), mark);
                watermarks.Add(mark);
            }
        }
        Assert.Equal(all.Select(a => a.Id), streamed.Select(a => a.Id));
        Assert.Equal(_pageWatermarks, watermarks);
    }

    /// <summary>The watermark of each page the last <see cref="ReadAllAsync"/> got.</summary>
    private readonly List<string> _pageWatermarks = [];

    /// <summary>Polls from watermark 0 as a client does: page after page until one is empty.</summary>
    private async Task<List<Activity>> ReadAllAsync(DirectLineClient.PageToken page)
    {
        var all = new List<Activity>();
        _pageWatermarks.Clear();
        string? watermark = null;
        for (var i = 0; i < 100; i++)
        {
            var set = await _client.GetActivitiesAsync(page.ConversationId, page.Token, watermark);
            Assert.True(set.Activities.Count <= 3);
            if (set.Activities.Count == 0) return all;
            all.AddRange(set.Activities);
            watermark = set.Watermark;
            _pageWatermarks.Add(watermark!);
        }
        throw new InvalidOperationException("The pages never ended.");
    }
}
