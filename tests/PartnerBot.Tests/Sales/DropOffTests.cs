using System.Net;
using System.Text.Json.Nodes;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>
/// Where prospects stop: question by question, of those who reached it, how many answered and how many left there,
/// per channel, in the funnel API and as CSV; and the list filtered to those who stopped at one question.
/// </summary>
public sealed class DropOffTests
{
    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow.AddDays(-1);

    private static async Task SeedAsync(PartnerBotApplication app, string id, string channel, int answered, bool finished, DateTimeOffset? lastActivity = null) =>
        await app.Store.Records.SaveFromTurnAsync(new ConversationRecord
        {
            Id = id, ConversationId = id, ChannelId = channel, StartedAt = Started, LastActivityAt = lastActivity ?? Started.AddMinutes(answered),
            Consent = Consent.Granted, QuestionsAnswered = answered, Finished = finished,
        }, default);

    [Fact]
    public async Task Each_question_says_how_many_reached_answered_and_left_it_and_the_list_finds_who_left()
    {
        using var app = SalesApp.Local();
        await SeedAsync(app, "web-finished", "directline", 11, finished: true);
        await SeedAsync(app, "web-two", "webchat", 2, finished: false);
        await SeedAsync(app, "web-none", "directline", 0, finished: false);
        await SeedAsync(app, "teams-two", "msteams", 2, finished: false);
        var client = SalesApp.Client(app);

        var steps = JsonNode.Parse(await client.GetStringAsync("/api/sales/funnel?weeks=2"))!["questions"]!.AsArray()
            .Select(s => (Channel: s!["channel"]!.GetValue<string>(), Number: s["number"]!.GetValue<int>(), Reached: s["reached"]!.GetValue<int>(),
                Answered: s["answered"]!.GetValue<int>(), Left: s["left"]!.GetValue<int>()))
            .ToList();
        var web = steps.Where(s => s.Channel == "web").ToList();
        Assert.Equal(("web", 1, 3, 2, 1), web[0]);
        Assert.Equal(("web", 2, 2, 2, 0), web[1]);
        Assert.Equal(("web", 3, 2, 1, 1), web[2]);
        Assert.Equal(("web", 11, 1, 1, 0), web[^1]);
        Assert.Equal(11, web.Count);
        Assert.Equal([("teams", 1, 1, 1, 0), ("teams", 2, 1, 1, 0), ("teams", 3, 1, 0, 1)], steps.Where(s => s.Channel == "teams"));

        var csv = await client.GetStringAsync("/api/sales/funnel/questions.csv?weeks=2");
        Assert.StartsWith("channel,question,reached,answered,left,under_way\r\n", csv);
        Assert.Contains("web,3,2,1,1,0\r\n", csv);

        var stopped = JsonNode.Parse(await client.GetStringAsync("/api/sales/conversations?dropped=3"))!["items"]!.AsArray()
            .Select(i => PartnerBot.Sales.Workspace.SalesKeys.Decode(i!["key"]!.GetValue<string>())).Order().ToList();
        Assert.Equal(["teams-two", "web-two"], stopped);
        Assert.Equal(["web-none"], JsonNode.Parse(await client.GetStringAsync("/api/sales/conversations?dropped=1"))!["items"]!.AsArray()
            .Select(i => PartnerBot.Sales.Workspace.SalesKeys.Decode(i!["key"]!.GetValue<string>())));
        using var bad = await client.GetAsync("/api/sales/conversations?dropped=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_prospect_still_chatting_is_under_way_at_their_question_not_counted_as_stopped_there()
    {
        using var app = SalesApp.Local();
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(app, "web-typing", "directline", 2, finished: false, lastActivity: now.AddMinutes(-5));
        await SeedAsync(app, "web-gone", "directline", 2, finished: false, lastActivity: now.AddHours(-2));
        var client = SalesApp.Client(app);

        var third = JsonNode.Parse(await client.GetStringAsync("/api/sales/funnel?weeks=2"))!["questions"]!.AsArray()
            .Single(s => s!["channel"]!.GetValue<string>() == "web" && s["number"]!.GetValue<int>() == 3)!;
        Assert.Equal((2, 0, 1, 1), (third["reached"]!.GetValue<int>(), third["answered"]!.GetValue<int>(), third["left"]!.GetValue<int>(), third["underWay"]!.GetValue<int>()));
        Assert.Contains("web,3,2,0,1,1\r\n", await client.GetStringAsync("/api/sales/funnel/questions.csv?weeks=2"));
        Assert.Equal(["web-gone"], JsonNode.Parse(await client.GetStringAsync("/api/sales/conversations?dropped=3"))!["items"]!.AsArray()
            .Select(i => PartnerBot.Sales.Workspace.SalesKeys.Decode(i!["key"]!.GetValue<string>())));
    }
}
