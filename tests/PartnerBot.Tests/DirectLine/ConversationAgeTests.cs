using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>
/// A conversation can be refreshed and resumed only until its maximum age, counted from its start, which every
/// token carries; after that the page gets a new conversation.
/// </summary>
public sealed class ConversationAgeTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly PartnerBotApplication _app = new(settings: new Dictionary<string, string?>
    {
        ["DirectLine:MaxConversationAge"] = "3.00:00:00",
        ["DirectLine:ResumeWindowDays"] = "7",
        ["RateLimits:TokenPerMinute"] = "100000",
    });

    private readonly DirectLineClient _client;

    public ConversationAgeTests()
    {
        var host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
        _client = new DirectLineClient(host.CreateClient());
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Refreshing_every_few_minutes_keeps_a_conversation_only_until_its_maximum_age()
    {
        var page = await _client.GetPageTokenAsync();
        await _client.PostMessageAsync(page.ConversationId, page.Token, "hi");
        var token = page.Token;

        // As Web Chat does: a refresh every 15 minutes, for almost three days.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromDays(3) - TimeSpan.FromMinutes(15); elapsed += TimeSpan.FromMinutes(15))
        {
            _clock.Advance(TimeSpan.FromMinutes(15));
            token = await RefreshAsync(token);
        }

        _clock.Advance(TimeSpan.FromMinutes(20));
        using var refused = await _client.SendAsync(HttpMethod.Post, "/tokens/refresh", token);

        Assert.Equal((403, "TokenExpired"), await DirectLineClient.ErrorOf(refused));
    }

    [Fact]
    public async Task A_returning_visitor_resumes_within_the_age_and_starts_afresh_after_it()
    {
        var page = await _client.GetPageTokenAsync();
        await _client.PostMessageAsync(page.ConversationId, page.Token, "hi");

        _clock.Advance(TimeSpan.FromDays(2));
        var resumed = await _client.GetPageTokenAsync(resume: page.Token);
        _clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(10));
        var resumedAgain = await _client.GetPageTokenAsync(resume: resumed.Token);
        _clock.Advance(TimeSpan.FromMinutes(11));
        var afterwards = await _client.GetPageTokenAsync(resume: resumedAgain.Token);

        Assert.Equal(page.ConversationId, resumed.ConversationId);
        Assert.Equal(page.ConversationId, resumedAgain.ConversationId);
        Assert.NotEqual(page.ConversationId, afterwards.ConversationId);
        Assert.NotEqual(page.UserId, afterwards.UserId);
        Assert.Empty((await _client.GetActivitiesAsync(afterwards.ConversationId, afterwards.Token)).Activities);
    }

    private async Task<string> RefreshAsync(string token)
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(response.Content))!;
        return body["token"]!.GetValue<string>();
    }
}
