using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Hosting;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>
/// Rate limits per client address on the real endpoints: token issue and refresh, conversation start, posts and
/// reads (polls, reconnects, stream connects). A refused request is 429 with Retry-After and problem details;
/// another address is not affected.
/// </summary>
public sealed class ClientRateLimitTests : IDisposable
{
    private const string VisitorA = "203.0.113.10";
    private const string VisitorB = "198.51.100.20";

    private readonly PartnerBotApplication _app = new(settings: new Dictionary<string, string?>
    {
        ["RateLimits:TokenPerMinute"] = "3",
        ["RateLimits:ConversationStartPerMinute"] = "2",
        ["RateLimits:PostPerMinute"] = "3",
        ["RateLimits:ReadPerMinute"] = "3",
        ["DirectLine:PostBurst"] = "100",
        ["DirectLine:EmbeddedSecret"] = "embedded-secret",
    });

    private readonly WebApplicationFactory<Program> _host;

    public ClientRateLimitTests() =>
        _host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>()));

    public void Dispose()
    {
        _host.Dispose();
        _app.Dispose();
    }

    private DirectLineClient From(string address)
    {
        var http = _host.CreateClient();
        http.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        return new DirectLineClient(http);
    }

    [Fact]
    public async Task Token_issue_and_refresh_share_one_limit_per_address()
    {
        var a = From(VisitorA);
        var page = await a.GetPageTokenAsync();
        using (var refreshed = await a.SendAsync(HttpMethod.Post, "/tokens/refresh", page.Token)) Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using (var generated = await a.SendAsync(HttpMethod.Post, "/tokens/generate", "embedded-secret")) Assert.Equal(HttpStatusCode.OK, generated.StatusCode);

        using var issue = await a.Http.PostAsJsonAsync("/api/directline/token", new { });
        using var refresh = await a.SendAsync(HttpMethod.Post, "/tokens/refresh", page.Token);
        using var generate = await a.SendAsync(HttpMethod.Post, "/tokens/generate", "embedded-secret");

        await AssertRefusedAsync(issue);
        await AssertRefusedAsync(refresh);
        await AssertRefusedAsync(generate);
        await From(VisitorB).GetPageTokenAsync();
    }

    [Fact]
    public async Task Conversation_starts_are_limited_per_address()
    {
        var a = From(VisitorA);
        var page = await a.GetPageTokenAsync();
        for (var i = 0; i < 2; i++)
        {
            using var started = await a.SendAsync(HttpMethod.Post, "/conversations", page.Token);
            Assert.True(started.IsSuccessStatusCode);
        }

        using var refused = await a.SendAsync(HttpMethod.Post, "/conversations", page.Token);

        await AssertRefusedAsync(refused);
        using var other = await From(VisitorB).SendAsync(HttpMethod.Post, "/conversations", page.Token);
        Assert.True(other.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Posts_are_limited_per_address_across_conversations()
    {
        var a = From(VisitorA);
        var first = await a.GetPageTokenAsync();
        var second = await a.GetPageTokenAsync();
        await a.PostMessageAsync(first.ConversationId, first.Token, "hi");
        await a.PostMessageAsync(second.ConversationId, second.Token, "hi");
        await a.PostMessageAsync(first.ConversationId, first.Token, "yes");

        using var refused = await a.SendAsync(HttpMethod.Post, $"/conversations/{second.ConversationId}/activities", second.Token, DirectLineClient.Message("yes"));

        await AssertRefusedAsync(refused);
        await From(VisitorB).PostMessageAsync(second.ConversationId, second.Token, "yes");
    }

    [Fact]
    public async Task Polls_reconnects_and_stream_connects_are_limited_per_address()
    {
        var a = From(VisitorA);
        var page = await a.GetPageTokenAsync();
        await a.GetActivitiesAsync(page.ConversationId, page.Token);
        using (var reconnect = await a.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}?watermark=0", page.Token)) Assert.True(reconnect.IsSuccessStatusCode);
        await a.GetActivitiesAsync(page.ConversationId, page.Token);

        using var poll = await a.SendAsync(HttpMethod.Get, $"/conversations/{page.ConversationId}/activities", page.Token);
        await AssertRefusedAsync(poll);

        var sockets = _host.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers[ClientAddressStartupFilter.Header] = VisitorA;
        var streamUrl = new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?t={Uri.EscapeDataString(page.Token)}");
        var refusedConnect = await Assert.ThrowsAnyAsync<Exception>(() => sockets.ConnectAsync(streamUrl, default));
        Assert.Contains("429", refusedConnect.Message);

        await From(VisitorB).GetActivitiesAsync(page.ConversationId, page.Token);
    }

    [Fact]
    public void Addresses_are_partitioned_by_client_and_ipv6_by_its_64_prefix()
    {
        Assert.Equal("203.0.113.10", ClientRateLimits.PartitionOf(IPAddress.Parse("::ffff:203.0.113.10")));
        Assert.Equal(ClientRateLimits.PartitionOf(IPAddress.Parse("2001:db8:1:2::1")), ClientRateLimits.PartitionOf(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(ClientRateLimits.PartitionOf(IPAddress.Parse("2001:db8:1:2::1")), ClientRateLimits.PartitionOf(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("unknown", ClientRateLimits.PartitionOf(null));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After is missing");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
    }
}
