using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>The embedded Direct Line 3.0 endpoint, driven as Web Chat drives it.</summary>
public sealed class DirectLineProtocolTests : IDisposable
{
    private const string SigningKey = "test-signing-key-for-direct-line-tokens";

    private readonly PartnerBotApplication _app = new(settings: new Dictionary<string, string?>
    {
        ["DirectLine:TokenSigningKey"] = SigningKey,
        ["DirectLine:EmbeddedSecret"] = "embedded-secret",
        ["DirectLine:PostBurst"] = "6",
        ["DirectLine:PostsPerSecond"] = "1",
    });

    private readonly DirectLineClient _client;

    public DirectLineProtocolTests() => _client = new DirectLineClient(_app.CreateClient());

    public void Dispose() => _app.Dispose();

    /// <summary>Tokens signed with the app's key but issued at another time.</summary>
    private static string TokenAt(DateTimeOffset issuedAt, string conversationId, string userId, int lifetimeMinutes = 30) =>
        new DirectLineTokens(Encoding.UTF8.GetBytes(SigningKey), new FixedClock(issuedAt), TimeSpan.FromMinutes(lifetimeMinutes)).Issue(conversationId, userId);

    [Fact]
    public async Task Start_post_echo_and_replies_by_watermark()
    {
        var page = await _client.GetPageTokenAsync();
        Assert.StartsWith("dl_", page.UserId);
        Assert.EndsWith("/v3/directline", page.Domain);

        using var start = await _client.SendAsync(HttpMethod.Post, "/conversations", page.Token);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var conversation = (await start.Content.ReadFromJsonAsync<DirectLineConversation>(BotJson.Options))!;
        Assert.Equal(page.ConversationId, conversation.ConversationId);
        Assert.StartsWith("ws://", conversation.StreamUrl);
        Assert.Equal(1800, conversation.ExpiresIn);

        var id = await _client.PostMessageAsync(page.ConversationId, page.Token, "hi", "client-abc");

        var all = await _client.GetActivitiesAsync(page.ConversationId, page.Token);
        var echo = all.Activities[0];
        Assert.Equal(id, echo.Id);
        Assert.Equal("client-abc", echo.ChannelData!["clientActivityID"]!.GetValue<string>());
        Assert.Equal(page.UserId, echo.From!.Id);
        Assert.Equal("directline", echo.ChannelId);
        Assert.Contains(all.Activities.Skip(1), a => a.From!.Id == DirectLineApi.BotId && a.Text!.Contains("May we keep this conversation"));
        Assert.Equal(all.Activities.Count.ToString(), all.Watermark);

        await _client.PostMessageAsync(page.ConversationId, page.Token, "yes", "client-def");
        var newer = await _client.GetActivitiesAsync(page.ConversationId, page.Token, all.Watermark);
        Assert.Equal("yes", newer.Activities[0].Text);
        Assert.Contains(newer.Activities, a => a.Text?.Contains("Question 1 of ") == true);
        var none = await _client.GetActivitiesAsync(page.ConversationId, page.Token, newer.Watermark);
        Assert.Empty(none.Activities);
        Assert.Equal(newer.Watermark, none.Watermark);
    }

    [Fact]
    public async Task Token_errors_are_answered_as_direct_line_does()
    {
        var page = await _client.GetPageTokenAsync();
        var other = await _client.GetPageTokenAsync();
        var expired = TokenAt(DateTimeOffset.UtcNow.AddHours(-2), page.ConversationId, page.UserId);
        var forged = page.Token[..^4] + (page.Token.EndsWith("AAAA") ? "BBBB" : "AAAA");
        var parts = page.Token.Split('.');
        var algNone = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        var otherUser = parts[0] + "." + Base64Url(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1]))).Replace(page.UserId, "dl_someone-else")) + "." + parts[2];
        var unknownConversation = TokenAt(DateTimeOffset.UtcNow, "no-such-conversation", "dl_x");

        Assert.Equal((401, "MissingToken"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}/activities", null)));
        Assert.Equal((403, "BadToken"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}/activities", "garbage")));
        Assert.Equal((403, "BadToken"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}/activities", forged)));
        Assert.Equal((403, "BadToken"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}/activities", algNone)));
        Assert.Equal((403, "BadToken"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}/activities", otherUser)));
        Assert.Equal((403, "TokenExpired"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}/activities", expired)));
        Assert.Equal((403, "BadToken"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, $"/conversations/{other.ConversationId}/activities", page.Token)));
        Assert.Equal((403, "BadToken"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Post, $"/conversations/{other.ConversationId}/activities", page.Token, DirectLineClient.Message("hi"))));
        Assert.Equal((404, "BadArgument"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, "/conversations/no-such-conversation/activities", unknownConversation)));
        Assert.Equal((404, "BadArgument"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Post, "/conversations/no-such-conversation/activities", unknownConversation, DirectLineClient.Message("hi"))));
        Assert.Equal((403, "TokenExpired"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Post, "/tokens/refresh", expired)));
        Assert.Empty((await _client.GetActivitiesAsync(other.ConversationId, other.Token)).Activities);
    }

    [Fact]
    public async Task A_valid_token_refreshes_for_the_same_conversation_and_user()
    {
        var page = await _client.GetPageTokenAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, "/tokens/refresh", page.Token);

        var refreshed = (await response.Content.ReadFromJsonAsync<DirectLineConversation>(BotJson.Options))!;
        Assert.Equal(page.ConversationId, refreshed.ConversationId);
        Assert.NotNull(refreshed.Token);
        await _client.PostMessageAsync(page.ConversationId, refreshed.Token!, "hi");
        Assert.Equal(page.UserId, (await _client.GetActivitiesAsync(page.ConversationId, refreshed.Token!)).Activities[0].From!.Id);
    }

    [Fact]
    public async Task Generate_needs_the_embedded_secret()
    {
        Assert.Equal((403, "BadSecret"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Post, "/tokens/generate", "wrong-secret")));

        using var response = await _client.SendAsync(HttpMethod.Post, "/tokens/generate", "embedded-secret", new { user = new { id = "visitor-7" } });
        var generated = (await response.Content.ReadFromJsonAsync<DirectLineConversation>(BotJson.Options))!;

        await _client.PostMessageAsync(generated.ConversationId!, generated.Token!, "hi");
        Assert.Equal("dl_visitor-7", (await _client.GetActivitiesAsync(generated.ConversationId!, generated.Token!)).Activities[0].From!.Id);
    }

    [Fact]
    public async Task A_returning_visitor_continues_their_conversation_and_a_forged_resume_does_not()
    {
        var first = await _client.GetPageTokenAsync();
        await _client.PostMessageAsync(first.ConversationId, first.Token, "hi");
        var expiredButRecent = TokenAt(DateTimeOffset.UtcNow.AddHours(-3), first.ConversationId, first.UserId);

        var resumed = await _client.GetPageTokenAsync(resume: expiredButRecent);
        var forged = await _client.GetPageTokenAsync(resume: first.Token[..^6] + "AAAAAA");
        var tooOld = await _client.GetPageTokenAsync(resume: TokenAt(DateTimeOffset.UtcNow.AddDays(-30), first.ConversationId, first.UserId));

        Assert.Equal((first.ConversationId, first.UserId), (resumed.ConversationId, resumed.UserId));
        Assert.Equal("hi", (await _client.GetActivitiesAsync(resumed.ConversationId, resumed.Token)).Activities[0].Text);
        Assert.NotEqual(first.ConversationId, forged.ConversationId);
        Assert.NotEqual(first.ConversationId, tooOld.ConversationId);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_direct_line_errors()
    {
        var page = await _client.GetPageTokenAsync();
        var huge = DirectLineClient.Message(new string('x', 300 * 1024));

        Assert.Equal((413, "MessageSizeTooBig"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Post, $"/conversations/{page.ConversationId}/activities", page.Token, huge)));
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Post, $"/conversations/{page.ConversationId}/activities", page.Token,
            new StringContent("{not json", Encoding.UTF8, "application/json"))));
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(await _client.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}/activities?watermark=abc", page.Token)));
        Assert.Empty((await _client.GetActivitiesAsync(page.ConversationId, page.Token)).Activities);
    }

    [Fact]
    public async Task Posting_too_fast_is_429_with_retry_after_and_typing_never_uses_up_the_budget_of_messages()
    {
        var page = await _client.GetPageTokenAsync();
        // A visitor typing fast: the indicators beyond their own budget are dropped, never refused.
        for (var i = 0; i < 12; i++)
        {
            using var typing = await _client.SendAsync(HttpMethod.Post, $"/conversations/{page.ConversationId}/activities", page.Token, new Activity { Type = ActivityTypes.Typing });
            Assert.Equal(HttpStatusCode.OK, typing.StatusCode);
        }
        HttpResponseMessage? refused = null;
        var accepted = 0;
        for (var i = 0; i < 12 && refused is null; i++)
        {
            var response = await _client.SendAsync(HttpMethod.Post, $"/conversations/{page.ConversationId}/activities", page.Token, DirectLineClient.Message("hi", $"client-{i}"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else accepted++;
        }

        Assert.True(accepted >= 5, $"only {accepted} messages were accepted after the typing");

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal((429, "Throttled"), await DirectLineClient.ErrorOf(refused));
    }

    [Fact]
    public async Task The_stream_sends_the_backlog_the_echo_and_the_replies_as_activity_sets()
    {
        var page = await _client.GetPageTokenAsync();
        await _client.PostMessageAsync(page.ConversationId, page.Token, "hi");
        var wsClient = _app.Server.CreateWebSocketClient();
        using var socket = await wsClient.ConnectAsync(new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?t={Uri.EscapeDataString(page.Token)}"), default);

        // The backlog (hi, the welcome, the consent question) comes one activity per frame, the last with the watermark.
        var backlog = new List<ActivitySet>();
        while (backlog.Count < 3) backlog.Add(await ReceiveSetAsync(socket));
        Assert.Equal("hi", backlog[0].Activities.Single().Text);
        Assert.Equal([null, null, "3"], backlog.Select(set => set.Watermark));

        await _client.PostMessageAsync(page.ConversationId, page.Token, "yes", "client-2");
        var received = new List<Activity>();
        while (!received.Any(a => a.Text?.Contains("Question 1 of ") == true)) received.AddRange((await ReceiveSetAsync(socket)).Activities);

        Assert.Equal("client-2", received[0].ChannelData!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("yes", received[0].Text);
    }

    [Fact]
    public async Task Concurrent_posts_reach_the_stream_complete_and_in_watermark_order()
    {
        var page = await _client.GetPageTokenAsync();
        var wsClient = _app.Server.CreateWebSocketClient();
        using var socket = await wsClient.ConnectAsync(new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?t={Uri.EscapeDataString(page.Token)}"), default);
        await StreamOpenAsync(1);

        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => _client.PostMessageAsync(page.ConversationId, page.Token, $"message {i}", $"client-{i}")));

        var logged = await _client.GetActivitiesAsync(page.ConversationId, page.Token);
        var received = new List<Activity>();
        while (received.Count < logged.Activities.Count) received.AddRange((await ReceiveSetAsync(socket)).Activities.Where(a => a.Type != ActivityTypes.Typing));
        Assert.Equal(logged.Activities.Select(a => a.Id), received.Select(a => a.Id));
    }

    [Fact]
    public async Task A_second_socket_for_the_conversation_closes_the_first_with_collision()
    {
        var page = await _client.GetPageTokenAsync();
        var wsClient = _app.Server.CreateWebSocketClient();
        var url = new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?t={Uri.EscapeDataString(page.Token)}");
        using var first = await wsClient.ConnectAsync(url, default);
        await StreamOpenAsync(1);

        using var second = await wsClient.ConnectAsync(url, default);

        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        WebSocketReceiveResult result;
        do result = await first.ReceiveAsync(buffer, timeout.Token); while (result.MessageType != WebSocketMessageType.Close);
        Assert.Equal(DirectLineStreams.CollisionReason, result.CloseStatusDescription);
        Assert.Equal(WebSocketState.Open, second.State);
    }

    [Fact]
    public async Task Typing_from_the_bot_goes_over_the_stream_only()
    {
        var page = await _client.GetPageTokenAsync();
        var wsClient = _app.Server.CreateWebSocketClient();
        using var socket = await wsClient.ConnectAsync(new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?t={Uri.EscapeDataString(page.Token)}"), default);
        await StreamOpenAsync(1);
        var delivery = _app.Services.GetRequiredService<DirectLineDelivery>();

        await delivery.DeliverAsync(new Activity { Type = ActivityTypes.Typing, Conversation = new ConversationAccount { Id = page.ConversationId } }, default);

        var set = await ReceiveSetAsync(socket);
        Assert.Equal(ActivityTypes.Typing, set.Activities.Single().Type);
        Assert.Null(set.Watermark);
        Assert.Empty((await _client.GetActivitiesAsync(page.ConversationId, page.Token)).Activities);
    }

    [Fact]
    public async Task The_activity_log_survives_a_restart_and_stays_bounded()
    {
        var directory = TestDirectory.Create();
        try
        {
            var settings = new Dictionary<string, string?> { ["DirectLine:TokenSigningKey"] = SigningKey, ["DirectLine:MaxActivitiesPerConversation"] = "4" };
            DirectLineClient.PageToken page;
            using (var before = new PartnerBotApplication(directory, settings))
            {
                var client = new DirectLineClient(before.CreateClient());
                page = await client.GetPageTokenAsync();
                await client.PostMessageAsync(page.ConversationId, page.Token, "hi");
                await client.PostMessageAsync(page.ConversationId, page.Token, "yes");
            }

            using var after = new PartnerBotApplication(directory, settings);
            var restarted = new DirectLineClient(after.CreateClient());
            var set = await restarted.GetActivitiesAsync(page.ConversationId, page.Token);

            // hi, welcome, consent question, yes, thanks, question 1: only the newest four are kept.
            Assert.Equal(["0000003", "0000004", "0000005", "0000006"], set.Activities.Select(a => a.Id![^7..]));
            Assert.Equal("yes", set.Activities[1].Text);
            Assert.Equal("6", set.Watermark);
        }
        finally
        {
            TestDirectory.TryDelete(directory);
        }
    }

    /// <summary>Waits until the server has registered the expected number of streams (no fixed sleeps).</summary>
    private async Task StreamOpenAsync(int count)
    {
        var streams = _app.Services.GetRequiredService<DirectLineStreams>();
        for (var i = 0; i < 600 && streams.OpenStreams < count; i++) await Task.Delay(50);
        Assert.Equal(count, streams.OpenStreams);
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return base64 + new string('=', (4 - base64.Length % 4) % 4);
    }

    [Fact]
    public async Task Tokens_are_jwts_carrying_the_user_as_web_chat_expects()
    {
        var page = await _client.GetPageTokenAsync();

        var payload = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(Pad(page.Token.Split('.')[1])))!;

        Assert.Equal(page.UserId, payload["user"]!.GetValue<string>());
        Assert.Equal(page.ConversationId, payload["conv"]!.GetValue<string>());
        Assert.True(payload["exp"]!.GetValue<long>() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    private static async Task<ActivitySet> ReceiveSetAsync(WebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var count = 0;
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token) is var r ? new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage) : null!;
                count += result.Count;
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The stream was closed.");
            if (count == 0) continue; // keep-alive
            return JsonSerializer.Deserialize<ActivitySet>(buffer.AsSpan(0, count), BotJson.Options)!;
        }
    }
}
