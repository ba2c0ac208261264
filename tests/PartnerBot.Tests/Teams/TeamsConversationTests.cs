using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Teams;

/// <summary>Teams-shaped payloads (as the Teams channel sends them) through the whole advisor, replies captured at a loopback Connector.</summary>
public sealed class TeamsConversationTests : IAsyncLifetime
{
    private const string BotId = "28:partnerbot";
    private PartnerBotApplication _app = null!;
    private FakeConnector _connector = null!;
    private int _sequence;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _app = new PartnerBotApplication();
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    private Activity Teams(string type, string conversationId, string conversationType, string userId = "29:ada", string? text = null)
    {
        var activity = new Activity
        {
            Type = type,
            Id = $"1700000000{Interlocked.Increment(ref _sequence):D3}",
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = "msteams",
            ServiceUrl = _connector.ServiceUrl.ToString(),
            From = new ChannelAccount { Id = userId, Name = userId == "29:ada" ? "Ada" : "Bob", AadObjectId = Guid.NewGuid().ToString() },
            Recipient = new ChannelAccount { Id = BotId, Name = "PartnerBot" },
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = conversationType, TenantId = "tenant-1", IsGroup = conversationType != "personal" ? true : null },
            Text = text,
            Locale = "en-GB",
            ChannelData = JsonNode.Parse("""{"tenant":{"id":"tenant-1"}}"""),
        };
        return activity;
    }

    private Activity Mentioning(Activity activity, string mentionedId, string name)
    {
        activity.Text = $"<at>{name}</at> {activity.Text}";
        activity.Entities = [JsonSerializer.Deserialize<Entity>($$"""{"type":"mention","mentioned":{"id":"{{mentionedId}}","name":"{{name}}"},"text":"<at>{{name}}</at>"}""", BotJson.Options)!];
        return activity;
    }

    private async Task<HttpResponseMessage> Post(Activity activity) =>
        await _app.CreateClient().PostAsJsonAsync("/api/messages", activity, BotJson.Options);

    private async Task<IReadOnlyList<Activity>> RepliesAfter(int before, int atLeast = 1)
    {
        var received = await _connector.WaitForMessagesAsync(before + atLeast);
        return received.Skip(before).Select(r => r.Activity).ToList();
    }

    [Fact]
    public async Task A_personal_chat_gets_the_assessment_with_suggested_actions_only_up_to_three()
    {
        const string conversation = "a:personal-conversation";
        using (var install = await Post(Teams(ActivityTypes.InstallationUpdate, conversation, "personal") is var a && (a.Action = "add") is not null ? a : a)) Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        var greeting = await RepliesAfter(0, 2);
        Assert.Contains(greeting, r => r.Text?.Contains("May we keep this conversation") == true);
        Assert.Equal(2, greeting.Last().SuggestedActions!.Actions.Count);

        await Post(Teams(ActivityTypes.Message, conversation, "personal", text: "yes"));
        var three = (await RepliesAfter(2, 2)).Last();
        Assert.Equal(["Startup", "Growing SME", "Enterprise"], three.SuggestedActions!.Actions.Select(a => a.Title));

        await Post(Teams(ActivityTypes.Message, conversation, "personal", text: "startup"));
        var six = (await RepliesAfter(4, 1)).Last();
        Assert.Null(six.SuggestedActions);
        Assert.Contains("How far along is the device design?", six.Summary);
        Assert.All(await RepliesAfter(0, 5), r => Assert.Equal(conversation, r.Conversation!.Id));
    }

    [Fact]
    public async Task In_a_channel_thread_each_person_has_their_own_assessment_replies_stay_in_the_thread_and_mentions_of_others_are_ignored()
    {
        const string thread = "19:general@thread.tacv2;messageid=1700000000000";
        var adaHi = Mentioning(Teams(ActivityTypes.Message, thread, "channel", "29:ada", "hi"), BotId, "PartnerBot");
        await Post(adaHi);
        var adaReplies = await RepliesAfter(0, 2);
        Assert.All(adaReplies, r => Assert.Equal(adaHi.Id, r.ReplyToId));
        Assert.All(adaReplies, r => Assert.Equal(thread, r.Conversation!.Id));
        Assert.Contains(adaReplies, r => r.Attachments?.Count > 0);

        // A button on the card (Action.Submit) answers Ada's consent question; no mention is needed for card submits.
        var submit = Teams(ActivityTypes.Message, thread, "channel", "29:ada");
        submit.Value = JsonNode.Parse("""{"choice":"yes"}""");
        await Post(submit);
        Assert.Contains(await RepliesAfter(2, 2), r => r.Summary?.Contains("Question 1 of ") == true || r.Attachments?[0].Content?.ToJsonString().Contains("Question 1 of ") == true);

        var before = _connector.Messages.Count;
        await Post(Mentioning(Teams(ActivityTypes.Message, thread, "channel", "29:bob", "hello there"), "29:ada", "Ada"));
        await Task.Delay(300);
        Assert.Equal(before, _connector.Messages.Count);

        await Post(Mentioning(Teams(ActivityTypes.Message, thread, "channel", "29:bob", "hello"), BotId, "PartnerBot"));
        var bobReplies = await RepliesAfter(before, 2);
        Assert.Contains(bobReplies, r => r.Text?.Contains("development-partner advisor") == true);
        Assert.All(bobReplies, r => Assert.Equal("29:bob", r.Recipient!.Id));
    }

    [Fact]
    public async Task Adding_the_bot_to_a_team_introduces_it_once()
    {
        var added = Teams(ActivityTypes.ConversationUpdate, "19:general@thread.tacv2", "channel");
        added.MembersAdded = [new ChannelAccount { Id = BotId }];

        await Post(added);
        await Post(added is var again && (again.Id = "1700000000999") is not null ? again : again);
        var introductions = await RepliesAfter(0, 1);
        await Task.Delay(300);

        Assert.Single(_connector.Messages);
        Assert.Contains("Mention me (@PartnerBot)", introductions[0].Text);
    }

    [Fact]
    public async Task A_group_chat_shows_choices_as_card_buttons()
    {
        await Post(Mentioning(Teams(ActivityTypes.Message, "19:group@thread.v2", "groupChat", text: "start"), BotId, "PartnerBot"));

        var question = (await RepliesAfter(0, 2)).Last();
        Assert.Null(question.SuggestedActions);
        var buttons = question.Attachments![0].Content!["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").SelectMany(s => s!["actions"]!.AsArray()).ToList();
        Assert.Equal(["Yes, keep it", "No, thanks"], buttons.Select(b => b!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Action_execute_from_the_recommendation_card_refreshes_the_card_and_continues_the_dialog()
    {
        const string conversation = "a:execute-conversation";
        foreach (var answer in AdvisorPersonas.Scripts[3].Answers) await Post(Teams(ActivityTypes.Message, conversation, "personal", text: answer));
        var card = (await RepliesAfter(0, 10)).Last(r => r.Attachments?.Count > 0 && r.Attachments[0].Content!.ToJsonString().Contains("Recommendation"));
        var change = card.Attachments![0].Content!["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Change an answer")!;
        Assert.Equal("Action.Execute", change["type"]!.GetValue<string>());
        Assert.Equal("Action.Submit", change["fallback"]!["type"]!.GetValue<string>());
        var before = _connector.Messages.Count;

        var invoke = Teams(ActivityTypes.Invoke, conversation, "personal");
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"change","data":{"choice":"change"}},"trigger":"manual"}""");
        using var response = await Post(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("A manufacturing partner (CMO)", body["value"]!.ToJsonString());
        Assert.Contains(await RepliesAfter(before, 1), r => (r.Summary ?? r.Text ?? "").Contains("Which answer would you like to change?"));
    }

    [Fact]
    public async Task An_unknown_card_verb_is_answered_with_a_microsoft_error_body_and_other_invokes_with_501()
    {
        var invoke = Teams(ActivityTypes.Invoke, "a:bad-verb", "personal");
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"launchRockets","data":{}}}""");

        using var response = await Post(invoke);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Equal("BadRequest", body["value"]!["code"]!.GetValue<string>());

        var other = Teams(ActivityTypes.Invoke, "a:bad-verb", "personal");
        other.Name = "composeExtension/query";
        using var unsupported = await Post(other);
        Assert.Equal(HttpStatusCode.NotImplemented, unsupported.StatusCode);
    }

    [Fact]
    public async Task A_card_too_big_for_teams_is_sent_as_text()
    {
        var delivered = new List<Activity>();
        var turn = new TurnContext(Teams(ActivityTypes.Message, "a:size", "personal", text: "hi"), new CollectingDelivery(delivered));
        var huge = Activity.CreateMessage("Here is a big one.");
        huge.Attachments = [Attachment.AdaptiveCard(JsonNode.Parse($$"""{"type":"AdaptiveCard","version":"1.5","fallbackText":"The short version.","body":[{"type":"TextBlock","text":"{{new string('x', 100_000)}}"}]}""")!)];

        await new MessageSizeMiddleware().OnTurnAsync(turn, ct => turn.SendActivityAsync(huge, ct), default);

        var sent = Assert.Single(delivered);
        Assert.Null(sent.Attachments);
        Assert.Equal("Here is a big one.\n\nThe short version.", sent.Text);
    }

    private sealed class CollectingDelivery(List<Activity> delivered) : IActivityDelivery
    {
        public Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
        {
            delivered.Add(activity);
            return Task.FromResult(new ResourceResponse());
        }
    }
}
