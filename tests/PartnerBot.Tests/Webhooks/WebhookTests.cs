using System.Text.Json.Nodes;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;
using PartnerBot.Webhooks;

namespace PartnerBot.Tests.Webhooks;

/// <summary>
/// Signed webhooks end to end on SQLite, to a loopback receiver: what a consenting lead sends (and a declined one does
/// not), the Standard Webhooks signature checked from the specification and by the package, retries after 500 and 429
/// with the same webhook-id, a restart in between, no redirect followed, and the settings refused at start.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private readonly string _dataDirectory = TestDirectory.Create();

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        TestDirectory.TryDelete(_dataDirectory);
    }

    private PartnerBotApplication App(string? url = null, string secret = WebhookReceiver.Secret, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Name"] = "crm",
            ["Webhooks:Endpoints:0:Url"] = url ?? _receiver.Url,
            ["Webhooks:Endpoints:0:Secret"] = secret,
            ["Webhooks:RetrySeconds"] = "1",
            ["Webhooks:PollSeconds"] = "1",
            ["Sales:PublicUrl"] = "https://bot.example.test",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return new PartnerBotApplication(_dataDirectory, settings, services: services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressStartupFilter>());
    }

    [Fact]
    public async Task A_consenting_lead_sends_signed_events_with_what_sales_need_and_a_declined_one_sends_nothing()
    {
        using var app = App();
        var lead = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical", "+41 44 123 45 67");
        await SalesLeads.DeclinedAsync(app);

        await _receiver.WaitForAsync(WebhookEventTypes.ContactRequested);
        await _receiver.WaitForAsync(WebhookEventTypes.AssessmentFinished);
        await _receiver.WaitForAsync(WebhookEventTypes.LeadCreated);
        var created = Assert.Single(_receiver.DeliveredOf(WebhookEventTypes.LeadCreated));
        Assert.True(WebhookReceiver.SignatureHolds(created), "the signature is the specification's HMAC");
        var headers = new HeaderDictionary { ["webhook-id"] = created.Id, ["webhook-timestamp"] = created.Timestamp, ["webhook-signature"] = created.Signature };
        new StandardWebhooks.StandardWebhook(WebhookReceiver.Secret).Verify(created.Body, headers);
        Assert.StartsWith("msg_", created.Id);
        Assert.InRange(long.Parse(created.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);

        var data = created.Json["data"]!["lead"]!;
        Assert.Equal(("Ada Prospect", "Acme Medical", "ada@acme-medical.example", "+41 44 123 45 67"),
            (data["name"]!.GetValue<string>(), data["company"]!.GetValue<string>(), data["email"]!.GetValue<string>(), data["phone"]!.GetValue<string>()));
        Assert.Equal($"https://bot.example.test/sales/conversations/{SalesLeads.Key(lead)}", data["workspaceUrl"]!.GetValue<string>());
        var finished = Assert.Single(_receiver.DeliveredOf(WebhookEventTypes.AssessmentFinished)).Json["data"]!["lead"]!;
        Assert.Equal("Cdmo", finished["recommendation"]!["model"]!.GetValue<string>());
        // The prospect who declined: nothing about them left the bot.
        Assert.All(_receiver.Requests, r => Assert.Equal(SalesLeads.Key(lead), r.Json["data"]!["lead"]!["key"]!.GetValue<string>()));
        Assert.Equal(3, _receiver.Requests.Count);
    }

    [Fact]
    public async Task Sales_changes_and_an_erasure_are_sent_too_the_erasure_by_key_only()
    {
        using var app = App();
        var lead = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await _receiver.WaitForAsync(WebhookEventTypes.LeadCreated);
        var workspace = SalesApp.Client(app);
        using var get = await workspace.GetAsync("/api/sales/conversations/" + SalesLeads.Key(lead));
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/sales/conversations/" + SalesLeads.Key(lead)) { Content = JsonContent.Create(new { status = "qualified" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", get.Headers.ETag!.ToString());
        using (var patched = await workspace.SendAsync(patch)) Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        await _receiver.WaitForAsync(WebhookEventTypes.LeadUpdated);
        Assert.Equal("qualified", _receiver.DeliveredOf(WebhookEventTypes.LeadUpdated).Single().Json["data"]!["lead"]!["status"]!.GetValue<string>());

        using (var erased = await workspace.DeleteAsync("/api/sales/conversations/" + SalesLeads.Key(lead))) Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        await _receiver.WaitForAsync(WebhookEventTypes.LeadErased);
        var erasure = _receiver.DeliveredOf(WebhookEventTypes.LeadErased).Single();
        Assert.Equal("{\"lead\":{\"key\":\"" + SalesLeads.Key(lead) + "\"}}", erasure.Json["data"]!.ToJsonString());
        Assert.DoesNotContain("ada@acme-medical.example", erasure.Body);
        // What was queued about the lead went with it; only the erasure notice is left.
        var rows = await app.Services.GetRequiredService<IWebhookOutbox>().RecentAsync("crm", 100, default);
        Assert.Equal([WebhookEventTypes.LeadErased], rows.Select(r => r.EventType));
    }

    [Fact]
    public async Task A_500_then_a_429_delay_the_event_which_arrives_once_with_the_same_webhook_id_every_time()
    {
        _receiver.Fail(500);
        _receiver.Fail(429, "1");
        using var app = App(extra: [("Webhooks:Endpoints:0:Events:0", WebhookEventTypes.LeadCreated)]);
        await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");

        await _receiver.WaitForAsync(WebhookEventTypes.LeadCreated);
        await WaitDeliveredAsync(app);
        var attempts = _receiver.Requests;
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.All(attempts, a => Assert.True(WebhookReceiver.SignatureHolds(a)));
        var row = (await app.Services.GetRequiredService<IWebhookOutbox>().RecentAsync("crm", 10, default)).Single();
        Assert.Equal((3, 200), (row.Attempts, row.LastStatus));
        Assert.NotNull(row.DeliveredAt);
    }

    [Fact]
    public async Task An_event_still_failing_when_the_app_stops_is_sent_after_the_restart_with_the_same_id()
    {
        string firstId;
        using (var app = App(extra: [("Webhooks:RetrySeconds", "3600")]))
        {
            _receiver.Fail(503);
            await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
            await Eventually.WaitUntilAsync(() => Task.FromResult(_receiver.Requests.Count >= 1), "a first attempt");
            firstId = _receiver.Requests[0].Id;
        }
        // Due an hour later: make it due now, as time would.
        await using (var store = Stores.Sqlite(Path.Combine(_dataDirectory, "partnerbot.db")))
        {
            foreach (var pending in await store.Services.GetRequiredService<IWebhookOutbox>().DueAsync(DateTimeOffset.UtcNow.AddHours(2), 10, default))
            {
                await store.Services.GetRequiredService<IWebhookOutbox>().UpdateAsync(pending with { DueAt = DateTimeOffset.UtcNow }, default);
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var restarted = App();
        _ = restarted.Server;
        await Eventually.WaitUntilAsync(() => Task.FromResult(_receiver.Delivered.Any(r => r.Id == firstId)), "the same event after the restart");
        Assert.Single(_receiver.Delivered, r => r.Id == firstId);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync();
        _receiver.Redirect(elsewhere.Url);
        using var app = App(extra: [("Webhooks:Endpoints:0:Events:0", WebhookEventTypes.LeadCreated), ("Webhooks:RetrySeconds", "3600")]);
        await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");

        var outbox = app.Services.GetRequiredService<IWebhookOutbox>();
        WebhookDelivery? row = null;
        await Eventually.WaitUntilAsync(async () => (row = (await outbox.RecentAsync("crm", 10, default)).SingleOrDefault()) is { Attempts: 1, LastStatus: not null }, "one attempt");
        Assert.Equal((307, "redirects are not followed"), (row!.LastStatus, row.LastError));
        Assert.Null(row.DeliveredAt);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task The_workspace_lists_each_endpoints_deliveries_and_resends_one_with_the_same_id()
    {
        using var app = App(extra: [("Webhooks:Endpoints:0:Events:0", WebhookEventTypes.LeadCreated)]);
        await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await _receiver.WaitForAsync(WebhookEventTypes.LeadCreated);
        await WaitDeliveredAsync(app);
        var workspace = SalesApp.Client(app);

        var endpoint = System.Text.Json.Nodes.JsonNode.Parse(await workspace.GetStringAsync("/api/sales/webhooks"))!["endpoints"]![0]!;
        Assert.Equal(("crm", "127.0.0.1", "ok"), (endpoint["name"]!.GetValue<string>(), endpoint["host"]!.GetValue<string>(), endpoint["health"]!.GetValue<string>()));
        Assert.DoesNotContain(WebhookReceiver.Secret, endpoint.ToJsonString());
        var delivery = endpoint["deliveries"]![0]!;
        Assert.Equal(("lead.created", "delivered", 200), (delivery["event"]!.GetValue<string>(), delivery["state"]!.GetValue<string>(), delivery["lastStatus"]!.GetValue<int>()));
        var id = delivery["id"]!.GetValue<string>();

        using (var resent = await workspace.PostAsync($"/api/sales/webhooks/crm/deliveries/{id}/resend", null)) Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        await _receiver.WaitForAsync(WebhookEventTypes.LeadCreated, count: 2);
        Assert.Equal([id, id], _receiver.DeliveredOf(WebhookEventTypes.LeadCreated).Select(r => r.Id));
        using (var unknown = await workspace.PostAsync("/api/sales/webhooks/crm/deliveries/msg_nope/resend", null)) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains((await app.Store.Audit.ReadAsync(20, default)), e => e.Action == "webhook-resend" && e.Detail == id);
    }

    [Fact]
    public async Task An_endpoint_failing_past_the_disable_time_holds_its_deliveries_until_it_is_enabled_again_and_then_sends_them()
    {
        for (var i = 0; i < 100; i++) _receiver.Fail(500);
        using var app = App(extra: [("Webhooks:Endpoints:0:Events:0", WebhookEventTypes.LeadCreated), ("Webhooks:DisableAfterHours", "0.0003")]);
        await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");

        var workspace = SalesApp.Client(app);
        async Task<JsonNode> EndpointAsync() => JsonNode.Parse(await workspace.GetStringAsync("/api/sales/webhooks"))!["endpoints"]![0]!;
        await Eventually.WaitUntilAsync(async () => (await EndpointAsync())["health"]!.GetValue<string>() == "disabled", "the endpoint is shown disabled");
        var endpoint = await EndpointAsync();
        Assert.True(endpoint["disabledAt"]!.GetValue<DateTimeOffset>() >= endpoint["failingSince"]!.GetValue<DateTimeOffset>().AddSeconds(1));

        // A new lead while it is disabled: its event waits, kept, and is not sent.
        await SalesLeads.ExpertRequestAsync(app, "Bo Prospect", "bo@beta-devices.example", "Beta Devices");
        await Eventually.WaitUntilAsync(async () => (await app.Store.Webhooks.RecentAsync("crm", 10, default)).Count(d => d.LastError == "Held: the endpoint is disabled") == 2,
            "both deliveries are held");
        var attemptsWhileDisabled = _receiver.Requests.Count;
        Assert.All(await app.Store.Webhooks.RecentAsync("crm", 10, default), d => Assert.True(d.Pending));

        _receiver.Recover();
        using (var enabled = await workspace.PostAsync("/api/sales/webhooks/crm/enable", null)) Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        await _receiver.WaitForAsync(WebhookEventTypes.LeadCreated, count: 2);
        Assert.Equal(attemptsWhileDisabled + 2, _receiver.Requests.Count);
        Assert.Equal(["ada@acme-medical.example", "bo@beta-devices.example"],
            _receiver.DeliveredOf(WebhookEventTypes.LeadCreated).Select(r => r.Json["data"]!["lead"]!["email"]!.GetValue<string>()).Order());
        await Eventually.WaitUntilAsync(async () => (await EndpointAsync())["health"]!.GetValue<string>() == "ok", "the endpoint is healthy again");
        Assert.Contains(await app.Store.Audit.ReadAsync(20, default), e => e.Action == "webhook-enable" && e.Detail == "2");
        using (var unknown = await workspace.PostAsync("/api/sales/webhooks/nope/enable", null)) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("http://crm.example.com/hooks", WebhookReceiver.Secret, "each Url is an https address")]
    [InlineData("https://crm.example.com/hooks", "not-a-secret", "each Secret is a whsec_ secret")]
    [InlineData("https://crm.example.com/hooks", "whsec_c2hvcnQ=", "each Secret is a whsec_ secret")]
    public void Settings_that_would_send_leads_unprotected_stop_the_app_at_start(string url, string secret, string message)
    {
        using var app = App(url, secret);
        Assert.Contains(message, app.StartupRefusal());
    }

    [Fact]
    public void Plain_http_to_this_machine_is_refused_outside_Development()
    {
        using var app = new PartnerBotApplication(settings: new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Url"] = _receiver.Url,
            ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
            ["Bot:AllowUnauthenticated"] = "true",
        }, environment: "Production");
        Assert.Contains("each Url is an https address", app.StartupRefusal());
    }

    /// <summary>The receiver has answered before the app records it: wait for the outbox to say delivered.</summary>
    private static Task WaitDeliveredAsync(PartnerBotApplication app) =>
        Eventually.WaitUntilAsync(async () => (await app.Store.Webhooks.RecentAsync("crm", 10, default)).All(d => d.DeliveredAt is not null), "the outbox records the delivery");
}
