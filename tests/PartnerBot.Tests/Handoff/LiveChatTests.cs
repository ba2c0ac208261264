using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Handoff;
using PartnerBot.Sales.Alerts;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;

namespace PartnerBot.Tests.Handoff;

/// <summary>
/// Live hand-off end to end on SQLite: a prospect on the website asks for a person, the sales channel's card offers
/// Join, Ann joins (Bob is too late, a member of another team is refused), both sides write in order, Ann's words reach
/// the prospect under her name and Bob's do not, typing goes both ways, either side ends, and the advisor answers again.
/// </summary>
public sealed class LiveChatTests : IAsyncLifetime
{
    private LiveChatHarness _sales = null!;

    public async Task InitializeAsync() => _sales = await LiveChatHarness.StartAsync();

    public async Task DisposeAsync() => await _sales.DisposeAsync();

    /// <summary>The greeting and consent, then a typed request for a person.</summary>
    private static async Task<WebsiteProspect> AskForAPersonAsync(PartnerBotApplication app, string request = "can I talk to someone now?")
    {
        var prospect = await WebsiteProspect.StartAsync(app);
        await prospect.SayAsync("hi");
        await prospect.SayAsync("yes");
        var asked = await prospect.SayAsync(request);
        Assert.Contains(asked, a => a.Text?.Contains("I'm asking our team to join this chat", StringComparison.Ordinal) == true);
        return prospect;
    }

    [Fact]
    public async Task A_prospect_asks_Ann_joins_five_messages_go_each_way_in_order_and_the_advisor_answers_again()
    {
        var prospect = await AskForAPersonAsync(_sales.App);
        var (messageId, alertId, card) = await _sales.WaitForCardAsync();
        Assert.Contains("is waiting to chat live", card.ToJsonString());
        Assert.Contains(card["actions"]!.AsArray(), a => a!["verb"]?.GetValue<string>() == LeadAlertCard.JoinVerb && a["title"]!.GetValue<string>() == "Join the chat");
        var errors = (await new OfficialCardChecker().CheckAsync([new OfficialCardChecker.Entry("lead-alert", Card: card)])).Single().Errors;
        Assert.Empty(errors);

        // Written before anyone joined: it is in the thread for whoever joins.
        await prospect.SayAsync("Hello, is anyone there? *urgent* <b>really</b>");
        await _sales.WaitForThreadAsync(messageId, "Hello, is anyone there?");
        Assert.Contains(@"**Website visitor:** Hello, is anyone there? \*urgent\* \<b\>really\</b\>", _sales.ThreadTexts(messageId));

        var joined = await _sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId);
        Assert.Equal("application/vnd.microsoft.card.adaptive", joined["type"]!.GetValue<string>());
        Assert.Contains("Ann Sales is chatting with", joined["value"]!.ToJsonString());
        Assert.Contains(joined["value"]!["actions"]!.AsArray(), a => a!["verb"]?.GetValue<string>() == LeadAlertCard.EndVerb);
        await prospect.WaitForAsync("Ann Sales from our team has joined the chat.");
        Assert.Contains(_sales.Connector.Updates, u => u.ReplyToId == messageId && u.Activity.Attachments![0].Content!.ToJsonString().Contains("Ann Sales is chatting with"));

        var late = await _sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId, "aad-bob", "Bob Sales");
        Assert.Equal("Ann Sales is already chatting with Website visitor.", late["value"]!.GetValue<string>());
        var outsider = await _sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId, "aad-eve", "Eve Marketing", team: "19:marketing@thread.tacv2");
        Assert.Equal("Only members of the sales team can join or end a live chat.", outsider["value"]!.GetValue<string>());

        for (var i = 1; i <= 5; i++) await _sales.WriteInThreadAsync(messageId, $"Ann {i}", mention: i == 3);
        await _sales.WriteInThreadAsync(messageId, "Bob here, just watching", "aad-bob", "Bob Sales");
        for (var i = 1; i <= 5; i++) await prospect.SayAsync($"Vera {i}");

        var fromAnn = (await prospect.WaitForAsync("Ann 5")).Where(a => a.From?.Name == "Ann Sales").Select(a => a.Text).ToList();
        Assert.Equal(["Ann 1", "Ann 2", "Ann 3", "Ann 4", "Ann 5"], fromAnn);
        await _sales.WaitForThreadAsync(messageId, "Vera 5");
        Assert.Equal(["Vera 1", "Vera 2", "Vera 3", "Vera 4", "Vera 5"], _sales.ThreadTexts(messageId).Where(t => t.StartsWith("**Website visitor:** Vera", StringComparison.Ordinal)).Select(t => t["**Website visitor:** ".Length..]));
        var transcript = await _sales.App.Store.Transcripts.GetTranscriptAsync(prospect.ConversationId, default);
        Assert.DoesNotContain(transcript, e => e.Activity.Text?.Contains("Bob here") == true);
        var annLine = Assert.Single(transcript, e => e.Activity.Text == "Ann 2");
        Assert.Equal(("Ann Sales", "aad-ann", TranscriptDirection.Outbound), (annLine.Activity.From!.Name, annLine.Activity.From.AadObjectId, annLine.Direction));

        // While the chat lasts the advisor says nothing of its own, even to "help".
        Assert.DoesNotContain(await prospect.SayAsync("help"), a => a.From?.Name != "Ann Sales");

        await _sales.WriteInThreadAsync(messageId, "end chat");
        await prospect.WaitForAsync("Ann Sales has ended the chat.");
        await _sales.WaitForThreadAsync(messageId, "Ann Sales ended the chat.");
        var back = await prospect.SayAsync("thanks!");
        Assert.Contains(back, a => a.Text?.Contains(LiveChatMessages.BackDuringAssessment, StringComparison.Ordinal) == true);

        var record = await _sales.App.Store.Records.GetAsync(prospect.RecordId, default);
        Assert.Equal(("aad-ann", FollowUpStatus.Contacted, Consent.Granted), (record!.FollowUp.Owner!.Id, record.FollowUpStatus, record.Consent));
        Assert.Contains("chatted with", _sales.Connector.Updates.Last(u => u.ReplyToId == messageId).Activity.Attachments![0].Content!.ToJsonString());
        Assert.Equal(LiveChatStatus.Ended, (await _sales.App.Store.LiveChats.GetAsync(prospect.RecordId, default))!.Status);

        // Sales find it among the leads that chatted live, and read Ann's part under her name.
        var workspace = SalesApp.Client(_sales.App);
        var key = PartnerBot.Sales.Workspace.SalesKeys.Encode(prospect.RecordId);
        var live = JsonNode.Parse(await workspace.GetStringAsync("/api/sales/conversations?live=chatted"))!["items"]!.AsArray();
        Assert.Equal(key, Assert.Single(live)!["key"]!.GetValue<string>());
        Assert.Empty(JsonNode.Parse(await workspace.GetStringAsync("/api/sales/conversations?live=none"))!["items"]!.AsArray());
        var lines = JsonNode.Parse(await workspace.GetStringAsync("/api/sales/conversations/" + key))!["transcript"]!.AsArray();
        var ann2 = lines.Single(l => l!["text"]?.GetValue<string>() == "Ann 2")!;
        Assert.Equal(("colleague", "Ann Sales"), (ann2["direction"]!.GetValue<string>(), ann2["author"]!.GetValue<string>()));
        Assert.Contains(lines, l => l!["direction"]!.GetValue<string>() == "prospect" && l["text"]?.GetValue<string>() == "Vera 3");
    }

    [Fact]
    public async Task Typing_goes_both_ways_and_the_prospect_can_end_the_chat()
    {
        var prospect = await AskForAPersonAsync(_sales.App, "human please");
        var (messageId, alertId, _) = await _sales.WaitForCardAsync();
        await _sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId);
        await prospect.WaitForAsync("has joined the chat");

        await prospect.PostAsync(new Activity { Type = ActivityTypes.Typing, From = new ChannelAccount { Id = "x" } });
        await Eventually.WaitUntilAsync(() => Task.FromResult(_sales.Connector.Received.Any(r => r.ConversationId == LiveChatHarness.Thread(messageId) && r.Activity.IsType(ActivityTypes.Typing))),
            "the thread shows the prospect typing");
        await _sales.WriteInThreadAsync(messageId, "", type: ActivityTypes.Typing);
        // The embedded Direct Line sends typing over the stream only; the colleague's shows up as a typing frame there.
        var ended = await prospect.SayAsync("end chat");
        Assert.Contains(ended, a => a.Text?.Contains(LiveChatMessages.EndedByYou, StringComparison.Ordinal) == true);
        await _sales.WaitForThreadAsync(messageId, "Website visitor ended the chat.");
        Assert.Equal("Website visitor", (await _sales.App.Store.LiveChats.GetAsync(prospect.RecordId, default))!.EndedBy);
        var answered = await prospect.SayAsync("startup");
        Assert.Contains(answered, a => a.Text?.Contains("Question 2 of", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_colleague_can_end_from_the_card_and_only_the_colleague()
    {
        var prospect = await AskForAPersonAsync(_sales.App);
        var (messageId, alertId, _) = await _sales.WaitForCardAsync();
        await _sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId);

        var bob = await _sales.ClickAsync(LeadAlertCard.EndVerb, alertId, messageId, "aad-bob", "Bob Sales");
        Assert.Equal("Only Ann Sales can end this chat.", bob["value"]!.GetValue<string>());
        var ann = await _sales.ClickAsync(LeadAlertCard.EndVerb, alertId, messageId);
        Assert.Contains("ended by Ann Sales", ann["value"]!.ToJsonString());
        await prospect.WaitForAsync("Ann Sales has ended the chat.");
    }

    [Fact]
    public async Task A_forged_join_for_an_alert_that_does_not_exist_is_refused()
    {
        var answer = await _sales.ClickAsync(LeadAlertCard.JoinVerb, "0123456789abcdef0123456789abcdef", "1700000000999");
        Assert.Equal("This alert is no longer available.", answer["value"]!.GetValue<string>());
    }
}
