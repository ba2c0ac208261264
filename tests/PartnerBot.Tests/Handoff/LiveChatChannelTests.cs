using PartnerBot.Advisor.LiveChat;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Handoff;
using PartnerBot.Sales.Alerts;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;

namespace PartnerBot.Tests.Handoff;

/// <summary>
/// Live hand-off when the prospect is in Teams too (a personal chat with the bot), when nobody joins, outside business
/// hours, and when the Connector throttles or fails while relaying: messages are delayed, never dropped or reordered,
/// and a message that cannot get through in time is reported to whoever sent it.
/// </summary>
public sealed class LiveChatChannelTests
{
    private const string ProspectConversation = "a:1prospect-personal-chat";

    private static TestChat TeamsProspect(LiveChatHarness sales) =>
        sales.App.Chat(conversationId: ProspectConversation, channelId: "msteams", userId: "29:vera", userName: "Vera Prospect", conversationType: "personal",
            serviceUrl: sales.Connector.ServiceUrl.ToString());

    private static IReadOnlyList<string> ToProspect(LiveChatHarness sales) =>
        sales.Connector.Messages.Where(m => m.ConversationId == ProspectConversation).Select(m => m.Activity.Text ?? "").ToList();

    private static Task WaitForProspectAsync(LiveChatHarness sales, string fragment) =>
        Eventually.WaitUntilAsync(() => Task.FromResult(ToProspect(sales).Any(t => t.Contains(fragment, StringComparison.Ordinal))), $"the prospect in Teams reads \"{fragment}\"");

    [Fact]
    public async Task A_prospect_in_a_Teams_chat_talks_to_Ann_and_sees_her_name_on_her_messages()
    {
        await using var sales = await LiveChatHarness.StartAsync();
        var prospect = TeamsProspect(sales);
        await prospect.SendAsync("hi");
        await prospect.SendAsync("yes");
        await prospect.SendAsync("is there a real person I can talk to?");
        await WaitForProspectAsync(sales, "I'm asking our team");
        var (messageId, alertId, _) = await sales.WaitForCardAsync();

        await sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId);
        await WaitForProspectAsync(sales, "Ann Sales from our team has joined the chat.");
        await sales.WriteInThreadAsync(messageId, "Hi Vera, what can I do for you?");
        await WaitForProspectAsync(sales, "**Ann Sales:** Hi Vera, what can I do for you?");
        await prospect.SendAsync("We need a partner for design transfer");
        await sales.WaitForThreadAsync(messageId, "**Vera Prospect:** We need a partner for design transfer");

        var record = await sales.App.Store.Records.GetAsync("msteams/conversations/" + ProspectConversation, default);
        Assert.Equal("Ann Sales", record!.FollowUp.Owner!.Name);
    }

    [Fact]
    public async Task A_client_that_reads_replies_only_in_the_response_is_offered_the_form_not_a_chat_it_could_not_hear()
    {
        await using var sales = await LiveChatHarness.StartAsync();
        var prospect = sales.App.Chat();
        await prospect.SendAsync("hi");
        await prospect.SendAsync("yes");

        (await prospect.SendAsync("can I talk to someone now?")).Expect("Please fill in the form").ExpectNot("asking our team");

        Assert.Null(await sales.App.Store.LiveChats.GetAsync("emulator/conversations/" + prospect.ConversationId, default));
    }

    [Fact]
    public async Task When_nobody_joins_in_time_the_prospect_gets_the_contact_path_and_the_card_says_so()
    {
        await using var sales = await LiveChatHarness.StartAsync(new Dictionary<string, string?> { ["LiveChat:WaitMinutes"] = "0.02" });
        var prospect = await WebsiteProspect.StartAsync(sales.App);
        await prospect.SayAsync("hi");
        await prospect.SayAsync("yes");
        await prospect.SayAsync("human please");
        var (messageId, alertId, _) = await sales.WaitForCardAsync();

        await prospect.WaitForAsync(LiveChatNotices.NobodyCame);
        await Eventually.WaitUntilAsync(() => Task.FromResult(sales.Connector.Updates.Any(u => u.ReplyToId == messageId
            && u.Activity.Attachments![0].Content!.ToJsonString().Contains("Nobody joined in time"))), "the card says nobody joined");
        var late = await sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId);
        Assert.Equal("This chat has ended.", late["value"]!.GetValue<string>());
        var form = await prospect.SayAsync("ok");
        Assert.Contains(form, a => a.Text?.Contains("Please fill in the form", StringComparison.Ordinal) == true);
        Assert.Equal(LiveChatStatus.NobodyCame, (await sales.App.Store.LiveChats.GetAsync(prospect.RecordId, default))!.Status);
    }

    [Fact]
    public async Task A_prospect_who_stops_waiting_is_shown_on_the_card_and_one_who_leaves_ends_the_chat()
    {
        await using var sales = await LiveChatHarness.StartAsync();
        var waiting = await WebsiteProspect.StartAsync(sales.App);
        await waiting.SayAsync("hi");
        await waiting.SayAsync("yes");
        await waiting.SayAsync("human please");
        var (messageId, _, _) = await sales.WaitForCardAsync();
        await waiting.SayAsync("end chat");
        await sales.WaitForThreadAsync(messageId, "Website visitor stopped waiting.");
        Assert.Contains("gave up waiting at", sales.Connector.Updates.Last(u => u.ReplyToId == messageId).Activity.Attachments![0].Content!.ToJsonString());
    }

    [Fact]
    public async Task Leaving_the_page_ends_a_live_chat_and_the_colleague_is_told()
    {
        await using var sales = await LiveChatHarness.StartAsync();
        var (prospect, messageId, _) = await sales.WebsiteChatJoinedByAnnAsync();

        // What the page's "End chat and forget me" sends before it lets go of the conversation.
        await prospect.PostAsync(new Activity { Type = ActivityTypes.EndOfConversation, From = new ChannelAccount { Id = "x" } });

        await sales.WaitForThreadAsync(messageId, "Website visitor ended the chat.");
        Assert.Equal(LiveChatStatus.Ended, (await sales.App.Store.LiveChats.GetAsync(prospect.RecordId, default))!.Status);
        Assert.DoesNotContain(await prospect.ReadAsync(), a => a.Text?.Contains(LiveChatMessages.EndedByYou, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_chat_nobody_writes_in_ends_by_itself_and_both_sides_are_told()
    {
        await using var sales = await LiveChatHarness.StartAsync(new Dictionary<string, string?> { ["LiveChat:IdleMinutes"] = "0.03" });
        var (prospect, messageId, _) = await sales.WebsiteChatJoinedByAnnAsync();

        await prospect.WaitForAsync("This chat has ended because nobody wrote for");
        await sales.WaitForThreadAsync(messageId, "This chat has ended because nobody wrote for");
        var chat = (await sales.App.Store.LiveChats.GetAsync(prospect.RecordId, default))!;
        Assert.Equal(LiveChatStatus.Ended, chat.Status);
        Assert.StartsWith("no messages for", chat.EndedBy);
        var back = await prospect.SayAsync("startup");
        Assert.Contains(back, a => a.Text?.Contains("Question 2 of", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Outside_business_hours_the_prospect_is_told_when_we_are_back_and_nobody_is_asked()
    {
        var today = DateTime.UtcNow.Date;
        var hours = new Dictionary<string, string?>
        {
            ["LiveChat:BusinessHours:TimeZone"] = "UTC",
            ["LiveChat:BusinessHours:Closed:0"] = today.ToString("yyyy-MM-dd"),
            ["LiveChat:BusinessHours:Closed:1"] = today.AddDays(1).ToString("yyyy-MM-dd"),
        };
        foreach (var day in Enum.GetNames<DayOfWeek>()) hours[$"LiveChat:BusinessHours:Weekly:{day}"] = "09:00-17:00";
        await using var sales = await LiveChatHarness.StartAsync(hours);
        var prospect = await WebsiteProspect.StartAsync(sales.App);
        await prospect.SayAsync("hi");
        await prospect.SayAsync("yes");

        var answer = await prospect.SayAsync("can I speak to a person?");

        var text = string.Join("\n", answer.Select(a => a.Text));
        Assert.Contains("Our team chats live Monday to Sunday 09:00–17:00 (UTC time), so nobody can join right now.", text);
        Assert.Contains($"We're back {today.AddDays(2):dddd} at 09:00.", text);
        Assert.Contains("Please fill in the form", text);
        Assert.Null(await sales.App.Store.LiveChats.GetAsync(prospect.RecordId, default));
        Assert.DoesNotContain(sales.Connector.Messages, m => m.ConversationId == LiveChatHarness.SalesChannel && m.Activity.Attachments is { Count: > 0 });
    }

    [Fact]
    public async Task A_429_and_a_503_delay_relayed_messages_without_losing_or_reordering_them()
    {
        await using var sales = await LiveChatHarness.StartAsync();
        var prospect = TeamsProspect(sales);
        await prospect.SendAsync("hi");
        await prospect.SendAsync("yes");
        await prospect.SendAsync("human please");
        var (messageId, alertId, _) = await sales.WaitForCardAsync();
        await sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId);
        await WaitForProspectAsync(sales, "has joined the chat");

        sales.Connector.FailNext(429, "1");
        sales.Connector.FailNext(503);
        await prospect.SendAsync("first");
        await prospect.SendAsync("second");
        await sales.WaitForThreadAsync(messageId, "second");
        Assert.Equal(["**Vera Prospect:** first", "**Vera Prospect:** second"], sales.ThreadTexts(messageId).Where(t => t.StartsWith("**Vera Prospect:**", StringComparison.Ordinal)));

        sales.Connector.FailNext(503);
        sales.Connector.FailNext(429, "1");
        await sales.WriteInThreadAsync(messageId, "one");
        await sales.WriteInThreadAsync(messageId, "two");
        await WaitForProspectAsync(sales, "two");
        Assert.Equal(["**Ann Sales:** one", "**Ann Sales:** two"], ToProspect(sales).Where(t => t.StartsWith("**Ann Sales:**", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_message_the_Connector_keeps_refusing_is_reported_to_its_sender_after_the_relay_timeout()
    {
        await using var sales = await LiveChatHarness.StartAsync(new Dictionary<string, string?> { ["LiveChat:RelayTimeoutSeconds"] = "2" });
        var (prospect, messageId, _) = await sales.WebsiteChatJoinedByAnnAsync();

        for (var i = 0; i < 40; i++) sales.Connector.FailNext(503, "1");
        var answer = await prospect.SayAsync("are you still there?");
        sales.Connector.Recover();

        Assert.Contains(answer, a => a.Text == LiveChatMessages.NotDelivered);
        Assert.DoesNotContain(sales.ThreadTexts(messageId), t => t.Contains("are you still there?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_chat_resumes_it()
    {
        await using var sales = await LiveChatHarness.StartAsync();
        var (prospect, messageId, _) = await sales.WebsiteChatJoinedByAnnAsync();

        sales.Restart();
        prospect = prospect.On(sales.App);

        await sales.WriteInThreadAsync(messageId, "Still here after the deploy");
        await prospect.WaitForAsync("Still here after the deploy");
        await prospect.SayAsync("Great, me too");
        await sales.WaitForThreadAsync(messageId, "Great, me too");
    }

    [Fact]
    public async Task Erasing_a_lead_that_chatted_live_removes_the_chat_and_replaces_its_card()
    {
        await using var sales = await LiveChatHarness.StartAsync();
        var (prospect, messageId, _) = await sales.WebsiteChatJoinedByAnnAsync();
        await sales.WriteInThreadAsync(messageId, "Hello Vera, Ann here");
        await prospect.WaitForAsync("Hello Vera, Ann here");

        using var erased = await SalesApp.Client(sales.App).DeleteAsync("/api/sales/conversations/" + PartnerBot.Sales.Workspace.SalesKeys.Encode(prospect.RecordId));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, erased.StatusCode);

        Assert.Null(await sales.App.Store.LiveChats.GetAsync(prospect.RecordId, default));
        Assert.Null(await sales.App.Store.LiveChats.FindByThreadAsync(LiveChatHarness.Thread(messageId), default));
        Assert.Empty(await sales.App.Store.Transcripts.GetTranscriptAsync(prospect.ConversationId, default));
        Assert.Equal(LeadAlertCards.ErasedText, sales.Connector.Updates.Last(u => u.ConversationId == LiveChatHarness.SalesChannel).Activity.Attachments![0].Content!["body"]![0]!["text"]!.GetValue<string>());
        // A reply in the old thread finds nobody to go to.
        var before = sales.Connector.Messages.Count;
        await sales.WriteInThreadAsync(messageId, "are you there?");
        Assert.Equal(before, sales.Connector.Messages.Count);
    }
}
