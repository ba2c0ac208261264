using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>
/// Concurrency in one conversation: sockets connecting at once (exactly one stays, the others are told
/// "collision"), and posts at once (each reply follows the message it answers, the same on the stream and in GET).
/// </summary>
public sealed class DirectLineConcurrencyTests : IDisposable
{
    private readonly PartnerBotApplication _app = new(settings: new Dictionary<string, string?>
    {
        ["DirectLine:PostBurst"] = "100",
        ["RateLimits:ReadPerMinute"] = "100000",
        ["RateLimits:PostPerMinute"] = "100000",
    });

    private readonly DirectLineClient _client;

    public DirectLineConcurrencyTests() => _client = new DirectLineClient(_app.CreateClient());

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Of_sockets_connecting_at_once_exactly_one_stays_and_every_other_is_closed()
    {
        var streams = _app.Services.GetRequiredService<DirectLineStreams>();
        var wsClient = _app.Server.CreateWebSocketClient();
        for (var round = 0; round < 10; round++)
        {
            var page = await _client.GetPageTokenAsync();
            var url = new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?t={Uri.EscapeDataString(page.Token)}");

            var sockets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => wsClient.ConnectAsync(url, default))));
            var first = sockets.Select(FirstFrameAsync).ToArray();
            for (var i = 0; i < 200 && first.Count(t => t.IsCompleted) < sockets.Length - 1; i++) await Task.Delay(50);

            // Every socket but one is closed with "collision"; the one left is the one the conversation's messages reach.
            Assert.Equal(Enumerable.Repeat(DirectLineStreams.CollisionReason, sockets.Length - 1), first.Where(t => t.IsCompleted).Select(t => t.Result));
            var survivor = first.Single(t => !t.IsCompleted);
            await _client.PostMessageAsync(page.ConversationId, page.Token, "hi", $"client-{round}");
            Assert.Contains("\"text\":\"hi\"", await survivor.WaitAsync(TimeSpan.FromSeconds(20)));
            foreach (var socket in sockets) socket.Dispose();
        }
        for (var i = 0; i < 600 && streams.OpenStreams > 0; i++) await Task.Delay(50);
        Assert.Equal(0, streams.OpenStreams);
    }

    [Fact]
    public async Task Concurrent_posts_are_answered_in_the_order_they_were_echoed_on_the_stream_and_in_get()
    {
        var page = await _client.GetPageTokenAsync();
        var wsClient = _app.Server.CreateWebSocketClient();
        using var socket = await wsClient.ConnectAsync(new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?t={Uri.EscapeDataString(page.Token)}"), default);
        var streams = _app.Services.GetRequiredService<DirectLineStreams>();
        for (var i = 0; i < 600 && streams.OpenStreams < 1; i++) await Task.Delay(50);

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => _client.PostMessageAsync(page.ConversationId, page.Token, i % 2 == 0 ? "help" : "hi", $"client-{i}"))));

        var logged = (await _client.GetActivitiesAsync(page.ConversationId, page.Token)).Activities;
        var streamed = new List<Activity>();
        while (streamed.Count < logged.Count) streamed.AddRange((await StreamFrames.ReceiveSetAsync(socket)).Activities.Where(a => a.Type != ActivityTypes.Typing));

        Assert.Equal(logged.Select(a => a.Id), streamed.Select(a => a.Id));
        Assert.Equal(8, logged.Count(a => a.From?.Id == page.UserId));
        string? lastEcho = null;
        foreach (var activity in logged)
        {
            if (activity.From?.Id == page.UserId) lastEcho = activity.Id;
            else Assert.True(activity.ReplyToId == lastEcho, $"A reply to {activity.ReplyToId} came after the echo of {lastEcho}: " + string.Join(", ", logged.Select(a => $"{a.Id![^2..]}<{a.ReplyToId?[^2..]}")));
        }
    }

    /// <summary>The close reason when the server closes the socket, else the first frame with content.</summary>
    private static async Task<string> FirstFrameAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) return result.CloseStatusDescription ?? "closed";
            if (result.Count > 0) return System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count);
        }
    }
}
