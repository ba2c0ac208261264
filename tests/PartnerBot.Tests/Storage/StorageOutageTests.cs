using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PartnerBot.Bot;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// While storage is unavailable at run time (here: another process holds the database's write lock), requests
/// that need it get 503 with Retry-After as problem details, health says so, and all is well again once the
/// lock is gone.
/// </summary>
public sealed class StorageOutageTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Requests_needing_storage_get_503_with_retry_after_and_health_reports_it_until_storage_is_back()
    {
        var client = _app.CreateClient();
        JsonObject issued;
        using (var before = await client.PostAsJsonAsync("/api/directline/token", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            issued = (await before.Content.ReadFromJsonAsync<JsonObject>())!;
        }
        using (var healthy = await client.GetAsync("/healthz")) Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        using (var other = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False"))
        {
            other.Open();
            using var transaction = other.BeginTransaction(deferred: false);

            // The first request waits out the busy timeout; the ones after it are refused at once.
            for (var i = 0; i < 2; i++)
            {
                using var refused = await client.PostAsJsonAsync("/api/directline/token", new { });
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After is missing");
                var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
                Assert.Equal(503, problem!["status"]!.GetValue<int>());
                Assert.DoesNotContain(_app.DatabasePath, problem.ToJsonString());
            }

            // Reads do not need the write lock: the visitor's stream still answers.
            using var poll = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{issued["conversationId"]}/activities");
            poll.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued["token"]!.GetValue<string>());
            using (var polled = await client.SendAsync(poll)) Assert.Equal(HttpStatusCode.OK, polled.StatusCode);

            using var unhealthy = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
            Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
        }

        using (var healthyAgain = await client.GetAsync("/healthz")) Assert.Equal(HttpStatusCode.OK, healthyAgain.StatusCode);
        using (var after = await client.PostAsJsonAsync("/api/directline/token", new { })) Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_message_during_the_outage_gets_the_polite_apology_and_is_answered_when_sent_again()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        var answer = chat.NewMessage("yes");

        using (var other = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False"))
        {
            other.Open();
            using var transaction = other.BeginTransaction(deferred: false);
            (await chat.SendAsync(answer)).Expect(TurnErrorHandler.StorageApology).ExpectNot("Question");
        }

        await WaitUntilHealthyAsync();
        (await chat.SendAsync(answer)).Expect("Question 1");
    }

    private async Task WaitUntilHealthyAsync()
    {
        var client = _app.CreateClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var health = await client.GetAsync("/healthz");
            if (health.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(200);
        }
        Assert.Fail("Storage did not become healthy again.");
    }
}
