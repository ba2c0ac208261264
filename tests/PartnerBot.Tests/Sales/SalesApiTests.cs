using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>The sales API over real conversations: list and filters, a conversation, follow-up with ETags, export, erasure, funnel, audit.</summary>
public sealed class SalesApiTests : IDisposable
{
    private readonly PartnerBotApplication _app = SalesApp.Local();
    private readonly HttpClient _sales;

    public SalesApiTests() => _sales = SalesApp.Client(_app);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_list_shows_each_conversation_and_filters_it()
    {
        var lead = await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await SalesLeads.DeclinedAsync(_app);

        var all = await ItemsAsync("");
        var requested = await ItemsAsync("?contact=requested");
        var searched = await ItemsAsync("?q=ACME%20ada");
        var declined = await ItemsAsync("?consent=declined&channel=emulator");

        Assert.Equal(2, all.Count);
        var row = all.Single(i => i!["key"]!.GetValue<string>() == SalesLeads.Key(lead))!;
        Assert.Equal(("Ada Prospect", "Acme Medical", "finished", true, "new"), (Text(row, "display"), Text(row, "company"), Text(row, "progress"), row["contactRequested"]!.GetValue<bool>(), Text(row, "status")));
        Assert.NotNull(row["model"]);
        Assert.NotNull(row["phase"]);
        Assert.Single(requested);
        Assert.Single(searched);
        var anonymous = Assert.Single(declined)!;
        Assert.Equal("anonymous", Text(anonymous, "display"));
        Assert.Null(anonymous["company"]);
        Assert.Equal("dropped at question 2", Text(anonymous, "progress"));
    }

    [Theory]
    [InlineData("?status=closed", "status")]
    [InlineData("?status=contacted,qualified", "status")]
    [InlineData("?model=odm", "model")]
    [InlineData("?phase=3", "phase")]
    [InlineData("?consent=maybe", "consent")]
    [InlineData("?contact=yes", "contact")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?limit=5000", "limit")]
    [InlineData("?colour=red", "colour")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    public async Task An_unknown_filter_or_value_is_400_naming_it(string query, string parameter)
    {
        using var response = await _sales.GetAsync("/api/sales/conversations" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task A_conversation_has_its_answers_the_card_as_shown_the_transcript_and_the_contact()
    {
        var lead = await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical", "+41 44 123 45 67");

        using var response = await _sales.GetAsync("/api/sales/conversations/" + SalesLeads.Key(lead));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"v0\"", response.Headers.ETag!.Tag);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(detail["answers"]!.AsArray(), a => Text(a!, "question") == "Organization" || Text(a!, "answer").Length > 0);
        Assert.True(detail["answers"]!.AsArray().Count >= 10);
        Assert.Equal("AdaptiveCard", Text(detail["recommendationCard"]!, "type"));
        Assert.Equal("ada@acme-medical.example", Text(detail["contact"]!, "email"));
        var transcript = detail["transcript"]!.AsArray();
        Assert.Equal("hi", Text(transcript[0]!, "text"));
        Assert.Equal("prospect", Text(transcript[0]!, "direction"));
        Assert.Contains(transcript, t => t!["cards"]!.AsArray().Count > 0 && Text(t, "direction") == "bot");
        using var missing = await _sales.GetAsync("/api/sales/conversations/" + SalesKeys.Encode("emulator/conversations/none"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_card_the_prospect_sent_is_shown_as_text_never_drawn()
    {
        var chat = _app.Chat(userName: "Cardy Sender");
        await chat.SendAsync("hi");
        var card = chat.NewMessage("look at this");
        card.Attachments = [BotFramework.Schema.Attachment.AdaptiveCard(JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Image","url":"https://tracker.example/pixel.png"}]}""")!)];
        await chat.SendAsync(card);

        var detail = JsonNode.Parse(await _sales.GetStringAsync("/api/sales/conversations/" + SalesKeys.Encode("emulator/conversations/" + chat.ConversationId)))!;

        var sent = detail["transcript"]!.AsArray().Single(t => Text(t!, "direction") == "prospect" && Text(t!, "text").StartsWith("look at this", StringComparison.Ordinal))!;
        Assert.Empty(sent["cards"]!.AsArray());
        Assert.Contains("tracker.example", Text(sent, "text"));
    }

    [Fact]
    public async Task Follow_up_needs_the_etag_and_the_second_of_two_editors_gets_a_conflict_with_fresh_data()
    {
        var lead = await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        var path = "/api/sales/conversations/" + SalesLeads.Key(lead);

        using var noEtag = await PatchAsync(path, null, new { status = "contacted" });
        using var first = await PatchAsync(path, "\"v0\"", new { status = "contacted", owner = "me", note = "Called, sending the NDA" });
        using var second = await PatchAsync(path, "\"v0\"", new { status = "spam" });
        using var wrongStatus = await PatchAsync(path, "\"v1\"", new { status = "closed" });
        using var badOwner = await PatchAsync(path, "\"v1\"", new { owner = 42 });
        using var notJson = await _sales.SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent("{status:", Encoding.UTF8, "application/json"), Headers = { { "If-Match", "\"v1\"" } } });

        Assert.Equal(HttpStatusCode.PreconditionRequired, noEtag.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"v1\"", first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        var conflict = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal("contacted", Text(conflict["current"]!, "status"));
        Assert.Equal("Local user", Text(conflict["current"]!["owner"]!, "name"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badOwner.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using var plainText = await _sales.SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent("{\"status\":\"won\"}", Encoding.UTF8, "text/plain"), Headers = { { "If-Match", "\"v1\"" } } });
        using var combined = await PatchAsync(path, "\"v1\"", new { status = "contacted,qualified" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainText.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, combined.StatusCode);

        var record = await _app.Store.Records.GetAsync(SalesLeads.RecordId(lead), default);
        Assert.Equal(FollowUpStatus.Contacted, record!.FollowUpStatus);
        Assert.Equal(["new → contacted", "assigned to Local user", "Called, sending the NDA"], record.FollowUp.Timeline.Select(e => e.Text));
        Assert.Equal(["me"], (await ItemsAsync("?owner=me")).Select(_ => "me"));
    }

    [Fact]
    public async Task The_export_is_rfc4180_utf8_with_a_bom_and_neutralises_formulas()
    {
        await SalesLeads.ExpertRequestAsync(_app, "=HYPERLINK(\"http://evil.example\",\"x\")", "ada@acme-medical.example", "+Acme, \"Medical\"", "-44 123 456");
        await SalesLeads.DeclinedAsync(_app);

        using var response = await _sales.GetAsync("/api/sales/export.csv?contact=requested");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(string.Join(',', SalesCsv.Header), lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Contains("\"'+Acme, \"\"Medical\"\"\"", lines[1]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", lines[1]);
        Assert.Contains(",'-44 123 456,", lines[1]);
        Assert.DoesNotContain(",=", lines[1]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rCR", "\"'\rCR\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void A_cell_is_quoted_as_rfc4180_says_and_never_starts_a_formula(string value, string expected) =>
        Assert.Equal(expected, SalesCsv.Cell(value));

    [Fact]
    public async Task Erasure_removes_the_conversation_keeps_the_count_and_is_audited()
    {
        var lead = await SalesLeads.ExpertRequestAsync(_app, "Grace Hopper", "grace@hopper.example", "Hopper Devices");
        var other = await SalesLeads.ExpertRequestAsync(_app, "Alan Turing", "alan@turing.example", "Turing Instruments");
        var before = JsonNode.Parse(await _sales.GetStringAsync("/api/sales/funnel"))!;

        using var erase = await _sales.DeleteAsync("/api/sales/conversations/" + SalesLeads.Key(lead));
        using var again = await _sales.DeleteAsync("/api/sales/conversations/" + SalesLeads.Key(lead));
        using var byEmail = await _sales.PostAsJsonAsync("/api/sales/erasures", new { email = "ALAN@turing.example" });
        using var noEmail = await _sales.PostAsJsonAsync("/api/sales/erasures", new { email = "" });

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(1, JsonNode.Parse(await byEmail.Content.ReadAsStringAsync())!["erased"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        Assert.Empty(await ItemsAsync(""));
        Assert.Empty(await _app.Store.Transcripts.GetTranscriptAsync(lead.ConversationId, default));
        Assert.Empty(await _app.Store.Transcripts.GetTranscriptAsync(other.ConversationId, default));
        var after = JsonNode.Parse(await _sales.GetStringAsync("/api/sales/funnel"))!;
        Assert.Equal(2, before["started"]!.GetValue<int>());
        Assert.Equal(before["started"]!.GetValue<int>(), after["started"]!.GetValue<int>());
        Assert.Equal(before["contactRequested"]!.GetValue<int>(), after["contactRequested"]!.GetValue<int>());
        var audit = JsonNode.Parse(await _sales.GetStringAsync("/api/sales/audit"))!.AsArray();
        Assert.Contains(audit, e => Text(e!, "action") == "erase" && Text(e!, "target") == SalesLeads.RecordId(lead) && Text(e!, "actorName") == "Local user");
        Assert.Contains(audit, e => Text(e!, "action") == "erase-by-email" && !e!.ToJsonString().Contains("turing.example", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Views_and_exports_are_audited()
    {
        var lead = await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");

        await _sales.GetStringAsync("/api/sales/conversations/" + SalesLeads.Key(lead));
        await _sales.GetStringAsync("/api/sales/export.csv?status=new&q=ada%40acme-medical.example");

        var audit = await _app.Store.Audit.ReadAsync(10, default);
        Assert.Equal(["export", "view"], audit.Select(e => e.Action));
        // The search words could be the prospect's address: the audit says a search was made, not what it was.
        Assert.Equal("?status=new&q=(search)", audit[0].Target);
        Assert.Equal(SalesLeads.RecordId(lead), audit[1].Target);
    }

    [Fact]
    public async Task The_funnel_counts_started_consented_finished_and_contact_by_week_and_channel_and_splits_models()
    {
        await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await SalesLeads.DeclinedAsync(_app);

        var funnel = JsonNode.Parse(await _sales.GetStringAsync("/api/sales/funnel?weeks=4"))!;
        using var tooMany = await _sales.GetAsync("/api/sales/funnel?weeks=500");

        Assert.Equal((2, 1, 1, 1), (funnel["started"]!.GetValue<int>(), funnel["consented"]!.GetValue<int>(), funnel["finished"]!.GetValue<int>(), funnel["contactRequested"]!.GetValue<int>()));
        Assert.Equal(1, funnel["models"]!.AsObject().Sum(m => m.Value!.GetValue<int>()));
        var weeks = funnel["weeks"]!.AsArray();
        Assert.Equal(4, weeks.Select(w => Text(w!, "start")).Distinct().Count());
        Assert.Equal(2, weeks.Where(w => Text(w!, "channel") == "other").Sum(w => w!["started"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    private async Task<List<JsonNode?>> ItemsAsync(string query)
    {
        using var response = await _sales.GetAsync("/api/sales/conversations" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray().ToList();
    }

    private Task<HttpResponseMessage> PatchAsync(string path, string? etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return _sales.SendAsync(request);
    }

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
