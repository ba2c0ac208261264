using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>The sales workspace's API with <c>Storage:Provider=AzureTable</c> on the real Azurite: the same flow as on SQLite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableSalesApiTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task List_follow_up_conflict_export_funnel_and_erasure_work_on_table_storage()
    {
        using var app = new PartnerBotApplication(
            settings: new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "AzureTable",
                ["Storage:ConnectionString"] = fixture.Azurite.ConnectionString,
                ["Storage:TablePrefix"] = Azurite.NewPrefix(),
            },
            services: services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>());
        var sales = SalesApp.Client(app);
        var ada = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await SalesLeads.DeclinedAsync(app);
        var path = "/api/sales/conversations/" + SalesLeads.Key(ada);

        var list = JsonNode.Parse(await sales.GetStringAsync("/api/sales/conversations?q=acme&contact=requested"))!["items"]!.AsArray();
        var detail = JsonNode.Parse(await sales.GetStringAsync(path))!;
        using var first = await PatchAsync(sales, path, "\"v0\"", new { status = "qualified", owner = "me" });
        using var second = await PatchAsync(sales, path, "\"v0\"", new { note = "late" });
        var mine = JsonNode.Parse(await sales.GetStringAsync("/api/sales/conversations?owner=me&status=qualified"))!["items"]!.AsArray();
        var csv = await sales.GetStringAsync("/api/sales/export.csv");
        var funnel = JsonNode.Parse(await sales.GetStringAsync("/api/sales/funnel"))!;
        using var erase = await sales.DeleteAsync(path);

        Assert.Equal("Acme Medical", Assert.Single(list)!["company"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", detail["recommendationCard"]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Single(mine);
        Assert.Contains("Acme Medical", csv);
        Assert.Contains("anonymous", csv);
        Assert.Equal(2, funnel["started"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        Assert.Null(await app.Services.GetRequiredService<IConversationRecords>().GetAsync(SalesLeads.RecordId(ada), default));
        Assert.Empty(await app.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync(ada.ConversationId, default));
        Assert.Equal(2, JsonNode.Parse(await sales.GetStringAsync("/api/sales/funnel"))!["started"]!.GetValue<int>());
        Assert.Contains(await app.Services.GetRequiredService<IAuditLog>().ReadAsync(10, default), e => e.Action == "erase");
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string path, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }
}
