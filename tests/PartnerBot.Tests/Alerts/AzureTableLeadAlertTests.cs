using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;

namespace PartnerBot.Tests.Alerts;

/// <summary>Lead alerts with <c>Storage:Provider=AzureTable</c> on the real Azurite: subscribe, one alert, claim.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableLeadAlertTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task A_channel_subscribes_gets_one_alert_and_the_claim_sets_the_owner_on_table_storage()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var app = App(new() { ["Sales:AlertPollSeconds"] = "1", ["Sales:AlertDelaySeconds"] = "10" });
        var http = app.CreateClient();

        await http.PostAsJsonAsync("/api/messages", LeadAlertTests.Command(connector, 1, "notify here"), BotJson.Options);
        var lead = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (connector.Messages.Count(m => m.ConversationId == LeadAlertTests.SalesChannel) == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(1500);

        var alert = Assert.Single(connector.Messages, m => m.ConversationId == LeadAlertTests.SalesChannel);
        Assert.Contains("Ada Prospect, Acme Medical", alert.Activity.Attachments![0].Content!.ToJsonString());
        var stored = await app.Services.GetRequiredService<ILeadAlerts>().GetAlertAsync(LeadAlert.IdFor(SalesLeads.RecordId(lead), LeadAlertTests.SalesChannel), default);
        using var claim = await http.PostAsJsonAsync("/api/messages", LeadAlertTests.Claim(connector, 2, stored!.Id, "aad-ann", "Ann Sales", stored.ActivityId!), BotJson.Options);
        var body = JsonNode.Parse(await claim.Content.ReadAsStringAsync())!;

        Assert.Contains("Ann Sales has this lead.", body["value"]!.ToJsonString());
        Assert.Equal("Ann Sales", (await app.Services.GetRequiredService<IConversationRecords>().GetAsync(SalesLeads.RecordId(lead), default))!.FollowUp.Owner!.Name);
        Assert.Single(connector.Updates);
    }

    [Fact]
    public async Task A_retried_command_is_answered_from_the_ledger_without_acting_twice()
    {
        // A command is never logged, so no transcript write answers the duplicate check: the middleware asks the ledger.
        await using var connector = await FakeConnector.StartAsync();
        using var app = App([]);
        var http = app.CreateClient();
        var command = LeadAlertTests.Command(connector, 1, "notify here");

        using (var first = await http.PostAsJsonAsync("/api/messages", command, BotJson.Options)) first.EnsureSuccessStatusCode();
        using (var retry = await http.PostAsJsonAsync("/api/messages", command, BotJson.Options)) retry.EnsureSuccessStatusCode();

        var audit = await app.Services.GetRequiredService<IAuditLog>().ReadAsync(10, default);
        Assert.Single(audit, e => e.Action == "alerts-on");
        Assert.Single(connector.Messages, m => m.Activity.Text?.StartsWith("Lead alerts are on", StringComparison.Ordinal) == true);
    }

    /// <summary>PartnerBot on this test's own tables in Azurite, with the sales team allowed to turn alerts on.</summary>
    private PartnerBotApplication App(Dictionary<string, string?> settings)
    {
        settings["Storage:Provider"] = "AzureTable";
        settings["Storage:ConnectionString"] = fixture.Azurite.ConnectionString;
        settings["Storage:TablePrefix"] = Azurite.NewPrefix();
        settings["Sales:AlertTeamIds:0"] = LeadAlertTests.SalesTeam;
        // The alert of a prospect who leaves their details (live chat has tests of its own).
        settings["LiveChat:Enabled"] = "false";
        return new PartnerBotApplication(settings: settings);
    }
}
