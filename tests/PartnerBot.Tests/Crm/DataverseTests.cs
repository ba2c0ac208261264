using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Crm;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;
using PartnerBot.Webhooks;

namespace PartnerBot.Tests.Crm;

/// <summary>
/// Leads written to Dynamics 365 through a loopback Dataverse Web API: created once with the assessment, then kept up
/// to date; a create whose answer was lost never makes a second row; throttling and a refused token retried; a row
/// deleted in Dynamics not re-created; an erasure deleting the row; and settings refused at start.
/// </summary>
public sealed class DataverseTests : IAsyncLifetime
{
    private FakeDataverse _dataverse = null!;
    private readonly string _dataDirectory = TestDirectory.Create();

    public async Task InitializeAsync() => _dataverse = await FakeDataverse.StartAsync();

    public async Task DisposeAsync()
    {
        await _dataverse.DisposeAsync();
        TestDirectory.TryDelete(_dataDirectory);
    }

    private PartnerBotApplication App(FakeDataverse.Credential? credential = null, string? url = null) => new(_dataDirectory, new Dictionary<string, string?>
    {
        ["Crm:Dataverse:Url"] = url ?? _dataverse.Url,
        ["Webhooks:RetrySeconds"] = "1",
        ["Webhooks:PollSeconds"] = "1",
        ["Sales:PublicUrl"] = "https://bot.example.test",
    }, services: services =>
    {
        services.AddSingleton<Azure.Core.TokenCredential>(credential ?? new FakeDataverse.Credential());
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressStartupFilter>();
    });

    private static Guid RowOf(TestChat chat) => DataverseLead.Id(SalesLeads.Key(chat));

    [Fact]
    public async Task A_consenting_lead_is_created_once_with_the_assessment_and_a_note_then_sales_changes_follow()
    {
        var credential = new FakeDataverse.Credential();
        using var app = App(credential);
        await SalesLeads.DeclinedAsync(app);
        var chat = await SalesLeads.ExpertRequestAsync(app, "Ada Lovelace Prospect", "ada@acme-medical.example", "Acme Medical", "+41 44 123 45 67");

        await Eventually.WaitUntilAsync(() => Task.FromResult(_dataverse.Notes.Count == 1), "the lead and its note are in Dynamics");
        var lead = Assert.Single(_dataverse.Leads).Value;
        Assert.Equal(RowOf(chat), Guid.Parse(lead["leadid"]!.GetValue<string>()));
        Assert.Equal(("Ada Lovelace", "Prospect", "Acme Medical", "ada@acme-medical.example", "+41 44 123 45 67"),
            (Text(lead, "firstname"), Text(lead, "lastname"), Text(lead, "companyname"), Text(lead, "emailaddress1"), Text(lead, "telephone1")));
        Assert.Equal(1, lead["statuscode"]!.GetValue<int>());
        // The emulator is neither Teams nor the website: "Other" among Dynamics' lead sources.
        Assert.Equal(10, lead["leadsourcecode"]!.GetValue<int>());
        var description = Text(lead, "description");
        Assert.Contains("Recommended: CDMO (development and manufacturing)", description);
        Assert.Contains("Answers:", description);
        Assert.Contains("Their message: Class IIa inhaler, EU first", description);
        Assert.Contains($"https://bot.example.test/sales/conversations/{SalesLeads.Key(chat)}", description);
        Assert.StartsWith("PartnerBot: Acme Medical (CDMO", Text(lead, "subject"));
        var note = Assert.Single(_dataverse.Notes).Value;
        Assert.Equal($"/leads({RowOf(chat)})", Text(note, "objectid_lead@odata.bind"));
        Assert.Contains($"https://bot.example.test/sales/conversations/{SalesLeads.Key(chat)}", Text(note, "notetext"));
        Assert.NotEmpty(credential.Scopes);
        Assert.All(credential.Scopes, scope => Assert.Equal(_dataverse.Url + "/.default", scope));
        Assert.Equal(["POST leads", "POST annotations"], _dataverse.Requests.Select(Call));

        var workspace = SalesApp.Client(app);
        await PatchAsync(workspace, chat, new { status = "qualified" });
        await Eventually.WaitUntilAsync(() => Task.FromResult(lead["statecode"]?.GetValue<int>() == 1), "the lead is qualified in Dynamics");
        Assert.Equal(3, lead["statuscode"]!.GetValue<int>());
        var update = _dataverse.Requests.Last(r => r.Method == "PATCH");
        Assert.Equal(("*", $"/api/data/v9.2/leads({RowOf(chat)})"), (update.IfMatch, update.Path));
        Assert.Single(_dataverse.Leads);

        var endpoints = JsonNode.Parse(await workspace.GetStringAsync("/api/sales/webhooks"))!["endpoints"]!.AsArray();
        var dynamics = Assert.Single(endpoints)!;
        Assert.Equal((DataverseOptions.EndpointName, "ok"), (dynamics["name"]!.GetValue<string>(), dynamics["health"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_retried_into_the_same_row_never_a_second()
    {
        _dataverse.LoseNextAnswer();
        using var app = App();
        var chat = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");

        await Eventually.WaitUntilAsync(() => Task.FromResult(_dataverse.Notes.Count == 1), "the retry finishes the lead");
        Assert.Equal(RowOf(chat), Assert.Single(_dataverse.Leads).Key);
        Assert.Equal(["POST leads", "POST leads", "PATCH leads", "POST annotations"], _dataverse.Requests.Select(Call));
        await WaitAllDeliveredAsync(app);
    }

    [Fact]
    public async Task Throttling_and_a_refused_token_are_retried_with_the_same_row_and_the_refusal_is_shown()
    {
        _dataverse.Fail(429, "1");
        using (var app = App(new FakeDataverse.Credential("forged-token")))
        {
            await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
            await Eventually.WaitUntilAsync(async () => (await app.Store.Webhooks.RecentAsync(DataverseOptions.EndpointName, 10, default))
                .Any(d => d.LastStatus == 401 && d.LastError == "Dynamics 365 refused the token (401)."), "the refused token is recorded");
            Assert.Empty(_dataverse.Leads);
        }
        // The same store with a good token: the lead is written after the restart.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var restarted = App();
        _ = restarted.Server;
        await Eventually.WaitUntilAsync(() => Task.FromResult(_dataverse.Notes.Count == 1), "the lead is written after the restart");
        Assert.Single(_dataverse.Leads);
        var calls = _dataverse.Requests.Select(Call).ToList();
        Assert.Equal("POST leads", calls[0]);
        Assert.Equal(1, calls.Count(c => c == "POST annotations"));
    }

    [Fact]
    public async Task A_row_deleted_in_Dynamics_is_not_re_created_and_an_erasure_deletes_the_row()
    {
        using var app = App();
        var deleted = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        var erased = await SalesLeads.ExpertRequestAsync(app, "Bo Prospect", "bo@beta-devices.example", "Beta Devices");
        await Eventually.WaitUntilAsync(() => Task.FromResult(_dataverse.Notes.Count == 2), "both leads are in Dynamics");
        _dataverse.Delete(RowOf(deleted));

        var workspace = SalesApp.Client(app);
        await PatchAsync(workspace, deleted, new { status = "contacted" });
        await Eventually.WaitUntilAsync(async () => (await app.Store.Webhooks.RecentAsync(DataverseOptions.EndpointName, 20, default))
            .Any(d => d.EventType == WebhookEventTypes.LeadUpdated && d.GivenUp), "the update is given up");
        Assert.False(_dataverse.Leads.ContainsKey(RowOf(deleted)));
        var endpoint = JsonNode.Parse(await workspace.GetStringAsync("/api/sales/webhooks"))!["endpoints"]![0]!;
        Assert.Equal("ok", endpoint["health"]!.GetValue<string>());
        Assert.Contains(endpoint["deliveries"]!.AsArray(), d => d!["lastError"]?.GetValue<string>()?.Contains("deleted there") == true);

        using (var response = await workspace.DeleteAsync("/api/sales/conversations/" + SalesLeads.Key(erased))) Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Eventually.WaitUntilAsync(() => Task.FromResult(!_dataverse.Leads.ContainsKey(RowOf(erased))), "the erased lead's row is deleted");
        Assert.Contains(_dataverse.Requests, r => r.Method == "DELETE" && r.Path == $"/api/data/v9.2/leads({RowOf(erased)})");
    }

    [Fact]
    public void An_environment_over_plain_http_or_without_credentials_stops_the_app_at_start()
    {
        using (var app = App(url: "http://contoso.crm4.dynamics.com")) Assert.Contains("Crm:Dataverse:Url is the environment's https address", app.StartupRefusal());
        using var bare = new PartnerBotApplication(settings: new Dictionary<string, string?> { ["Crm:Dataverse:Url"] = "https://contoso.crm4.dynamics.com" });
        Assert.Contains("Crm:Dataverse:Url needs credentials", bare.StartupRefusal());
    }

    private static async Task PatchAsync(HttpClient workspace, TestChat chat, object change)
    {
        using var get = await workspace.GetAsync("/api/sales/conversations/" + SalesLeads.Key(chat));
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/sales/conversations/" + SalesLeads.Key(chat)) { Content = JsonContent.Create(change) };
        patch.Headers.TryAddWithoutValidation("If-Match", get.Headers.ETag!.ToString());
        using var patched = await workspace.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
    }

    private static Task WaitAllDeliveredAsync(PartnerBotApplication app) =>
        Eventually.WaitUntilAsync(async () => (await app.Store.Webhooks.RecentAsync(DataverseOptions.EndpointName, 20, default)).All(d => d.DeliveredAt is not null),
            "the outbox records every delivery to Dynamics");

    private static string Call(FakeDataverse.Request request) => request.Method + " " + request.Path["/api/data/v9.2/".Length..].Split('(')[0];

    private static string Text(JsonObject row, string name) => row[name]?.GetValue<string>() ?? "";
}
