using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Alerts;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;

namespace PartnerBot.Tests.Alerts;

/// <summary>
/// Lead alerts end to end, against a loopback fake Bot Connector speaking the v3 wire format: a sales channel
/// subscribes with a mention, a prospect elsewhere becomes a lead, the channel gets exactly one valid card, someone
/// claims it (Action.Execute) and the card is refreshed for everyone, a second claim is told who has it, and
/// outages, 429s, a removed bot and a restart delay an alert without losing or repeating it.
/// </summary>
public sealed class LeadAlertTests : IAsyncLifetime
{
    public const string BotId = "28:partnerbot";
    public const string SalesTeam = "19:salesteam@thread.tacv2";
    public const string SalesChannel = "19:leads@thread.tacv2";
    private readonly string _dataDirectory = TestDirectory.Create();
    private FakeConnector _connector = null!;
    private PartnerBotApplication _app = null!;
    private int _sequence;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _app = App();
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _connector.DisposeAsync();
        TestDirectory.TryDelete(_dataDirectory);
    }

    private PartnerBotApplication App(int delaySeconds = 10, string? webhookUrl = null) => new(_dataDirectory, new Dictionary<string, string?>(webhookUrl is null ? [] :
    [
        new("Webhooks:Endpoints:0:Name", "crm"), new("Webhooks:Endpoints:0:Url", webhookUrl),
        new("Webhooks:Endpoints:0:Secret", Webhooks.WebhookReceiver.Secret), new("Webhooks:PollSeconds", "1"),
    ])
    {
        ["Sales:AlertTeamIds:0"] = SalesTeam,
        // The alert of a prospect who leaves their details (live chat has tests of its own).
        ["LiveChat:Enabled"] = "false",
        ["Sales:AlertPollSeconds"] = "1",
        ["Sales:AlertRetrySeconds"] = "1",
        // Long enough for the scripted prospect to reach the contact form after finishing.
        ["Sales:AlertDelaySeconds"] = delaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sales:PublicUrl"] = "https://bot.example.test",
    }, services: services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressStartupFilter>());

    [Fact]
    public async Task A_subscribed_channel_gets_one_valid_card_per_ready_lead_and_someone_claims_it()
    {
        var confirmation = await SayInChannelAsync("notify here");
        Assert.Contains("Lead alerts are on", confirmation.Text);
        Assert.Equal(SalesChannel + ";messageid=1", confirmation.Conversation!.Id);

        var lead = await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical", "+41 44 123 45 67");
        var alert = await SingleAlertAsync();

        Assert.Equal(SalesChannel, alert.ConversationId);
        Assert.Null(alert.ReplyToId);
        var card = alert.Activity.Attachments![0].Content!;
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var text = card.ToJsonString();
        Assert.Contains("Ada Prospect, Acme Medical", text);
        Assert.Contains("ada@acme-medical.example", text);
        Assert.Contains("CDMO", text);
        var actions = card["actions"]!.AsArray();
        Assert.Equal($"https://bot.example.test/sales/conversations/{SalesLeads.Key(lead)}", actions.Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!["url"]!.GetValue<string>());
        var claim = actions.Single(a => a!["type"]!.GetValue<string>() == "Action.Execute")!;
        Assert.Equal(LeadAlertCard.ClaimVerb, claim["verb"]!.GetValue<string>());
        var errors = (await new OfficialCardChecker().CheckAsync([new OfficialCardChecker.Entry("lead-alert", Card: card)])).Single().Errors;
        Assert.Empty(errors);
        // Finishing and then asking for an expert: one alert, sent when they asked, with their details.
        await Task.Delay(1500);
        Assert.Single(ToChannel());

        var messageId = (await AllAlertsAsync()).Single().ActivityId!;
        var (status, body) = await ClaimAsync(claim["data"]!["alertId"]!.GetValue<string>(), "aad-ann", "Ann Sales", messageId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var refreshed = body["value"]!.ToJsonString();
        Assert.Contains("Ann Sales has this lead.", refreshed);
        Assert.DoesNotContain("Action.Execute", refreshed);
        var update = Assert.Single(_connector.Updates);
        Assert.Equal(($"{SalesChannel};messageid={messageId}", messageId), (update.ConversationId, update.ReplyToId));
        Assert.Contains("Ann Sales has this lead.", update.Activity.Attachments![0].Content!.ToJsonString());

        var record = await _app.Store.Records.GetAsync(SalesLeads.RecordId(lead), default);
        Assert.Equal(("aad-ann", "Ann Sales", FollowUpStatus.Contacted), (record!.FollowUp.Owner!.Id, record.FollowUp.Owner.Name, record.FollowUpStatus));
        var listed = JsonNode.Parse(await SalesApp.Client(_app).GetStringAsync("/api/sales/conversations?owner=aad-ann"))!["items"]!.AsArray();
        Assert.Equal("Ann Sales", Assert.Single(listed)!["owner"]!["name"]!.GetValue<string>());

        var (_, second) = await ClaimAsync(claim["data"]!["alertId"]!.GetValue<string>(), "aad-bob", "Bob Sales", messageId);
        Assert.Equal("application/vnd.microsoft.activity.message", second["type"]!.GetValue<string>());
        Assert.Equal("Ann Sales already has this lead.", second["value"]!.GetValue<string>());
        Assert.Equal("Ann Sales", (await _app.Store.Records.GetAsync(SalesLeads.RecordId(lead), default))!.FollowUp.Owner!.Name);

        // Erasing the lead replaces the card in Teams, which showed the prospect's details, with one that names no one.
        using var erased = await SalesApp.Client(_app).DeleteAsync("/api/sales/conversations/" + SalesLeads.Key(lead));
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        var replaced = _connector.Updates.Last();
        Assert.Equal((SalesChannel, messageId), (replaced.ConversationId, replaced.ReplyToId));
        Assert.Equal(LeadAlertCards.ErasedText, replaced.Activity.Attachments![0].Content!["body"]![0]!["text"]!.GetValue<string>());
        Assert.DoesNotContain("ada@acme-medical.example", replaced.Activity.Attachments![0].Content!.ToJsonString());
    }

    [Fact]
    public async Task A_claim_in_Teams_reaches_the_webhooks_as_lead_updated_with_the_owner_once()
    {
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        _app.Dispose();
        _app = App(webhookUrl: receiver.Url);
        await SayInChannelAsync("notify here");
        await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        var alert = await SingleAlertAsync();
        var alertId = alert.Activity.Attachments![0].Content!["actions"]!.AsArray()
            .Single(a => a!["type"]!.GetValue<string>() == "Action.Execute")!["data"]!["alertId"]!.GetValue<string>();
        var messageId = (await AllAlertsAsync()).Single().ActivityId!;

        await ClaimAsync(alertId, "aad-ann", "Ann Sales", messageId);
        await ClaimAsync(alertId, "aad-bob", "Bob Sales", messageId);
        await receiver.WaitForAsync(PartnerBot.Webhooks.WebhookEventTypes.LeadUpdated);
        var lead = receiver.DeliveredOf(PartnerBot.Webhooks.WebhookEventTypes.LeadUpdated).Single().Json["data"]!["lead"]!;
        Assert.Equal(("aad-ann", "Ann Sales", "contacted"), (lead["owner"]!["id"]!.GetValue<string>(), lead["owner"]!["name"]!.GetValue<string>(), lead["status"]!.GetValue<string>()));
        // Bob's claim changed nothing: the outbox holds one lead.updated, the one already delivered.
        Assert.Single(await _app.Store.Webhooks.RecentAsync("crm", 20, default), d => d.EventType == PartnerBot.Webhooks.WebhookEventTypes.LeadUpdated);
    }

    [Fact]
    public async Task A_team_that_is_not_allowed_is_refused_and_gets_no_alerts()
    {
        var refusal = await SayInChannelAsync("notify here", team: "19:marketing@thread.tacv2", channel: "19:random@thread.tacv2");

        Assert.Contains("only the sales team", refusal.Text);
        Assert.Empty(await _app.Store.Alerts.ActiveSubscriptionsAsync(default));
        await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await Task.Delay(1500);
        Assert.Empty(ToChannel("19:random@thread.tacv2"));
    }

    [Fact]
    public async Task Stop_notifications_ends_them()
    {
        await SayInChannelAsync("notify here");
        var stopped = await SayInChannelAsync("Stop notifications.");

        Assert.Contains("Lead alerts are off", stopped.Text);
        await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await Task.Delay(1500);
        Assert.Empty(ToChannel());
    }

    [Fact]
    public async Task A_connector_that_is_down_gets_the_alert_once_when_it_is_back()
    {
        await SayInChannelAsync("notify here");
        for (var i = 0; i < 6; i++) _connector.FailNext(503);

        await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");

        await SingleAlertAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(2000);
        Assert.Single(ToChannel());
        var stored = Assert.Single(await AllAlertsAsync());
        Assert.True(stored.Attempts > 1, $"attempts {stored.Attempts}");
    }

    [Fact]
    public async Task Throttling_is_honoured_and_the_alert_still_arrives_once()
    {
        await SayInChannelAsync("notify here");
        _connector.FailNext(429, "2");
        _connector.FailNext(429, "2");

        await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await SingleAlertAsync(TimeSpan.FromSeconds(30));

        Assert.Single(ToChannel());
        Assert.Equal(2, (await AllAlertsAsync()).Single().Attempts);
    }

    [Fact]
    public async Task A_channel_that_removed_the_bot_is_marked_inactive_not_retried()
    {
        await SayInChannelAsync("notify here");
        _connector.FailNext(403);

        await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        for (var i = 0; i < 300 && (await _app.Store.Alerts.GetSubscriptionAsync(SalesChannel, default))!.Active; i++) await Task.Delay(100);

        var subscription = (await _app.Store.Alerts.GetSubscriptionAsync(SalesChannel, default))!;
        Assert.False(subscription.Active);
        Assert.Contains("403", subscription.InactiveReason);
        var attempts = _connector.Attempts;
        await Task.Delay(2500);
        Assert.Equal(attempts, _connector.Attempts);
        Assert.True((await AllAlertsAsync()).Single().GivenUp);
    }

    [Fact]
    public async Task An_alert_pending_across_a_restart_is_sent_once_by_the_restarted_bot()
    {
        await SayInChannelAsync("notify here");
        var port = _connector.ServiceUrl.Port;
        await _connector.DisposeAsync();

        await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await Task.Delay(1500);
        _app.Dispose();
        _connector = await FakeConnector.StartAsync(port);
        _app = App();
        _ = _app.Services;

        await SingleAlertAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(2000);
        Assert.Single(ToChannel());
    }

    [Fact]
    public async Task An_alert_being_sent_when_the_app_stops_is_handed_back_and_sent_at_the_next_start()
    {
        _app.Dispose();
        _app = App(delaySeconds: 0);
        await SayInChannelAsync("notify here");
        // The Connector is slow to answer: the alert's post is in flight when the stop comes.
        var attempts = _connector.Attempts;
        _connector.Hold();
        var lead = await SalesLeads.ExpertRequestAsync(_app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await Eventually.WaitUntilAsync(() => Task.FromResult(_connector.Attempts > attempts), "the alert to be on its way");

        _app.Dispose();

        // Due at once, not after the two minutes its sender had taken it for.
        await using (var store = Stores.Sqlite(Path.Combine(_dataDirectory, "partnerbot.db")))
        {
            var handedBack = await store.Alerts.GetAlertAsync(LeadAlert.IdFor(SalesLeads.RecordId(lead), SalesChannel), default);
            Assert.NotNull(handedBack);
            Assert.Null(handedBack.SentAt);
            Assert.True(handedBack.DueAt <= DateTimeOffset.UtcNow, $"Due at {handedBack.DueAt:O}");
        }

        // The Connector took the interrupted post after all (the bot cannot know): it arrives, and so does the resend.
        _connector.Release();
        await Eventually.WaitUntilAsync(() => Task.FromResult(ToChannel().Count == 1), "the interrupted post to arrive late");
        _app = App(delaySeconds: 0);
        _ = _app.Services;
        await Eventually.WaitUntilAsync(() => Task.FromResult(ToChannel().Count == 2), "the restarted bot to send the alert");
    }

    private IReadOnlyList<ReceivedActivity> ToChannel(string channel = SalesChannel) =>
        _connector.Messages.Where(m => m.ConversationId == channel).ToList();

    private async Task<ReceivedActivity> SingleAlertAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (ToChannel().Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        return Assert.Single(ToChannel());
    }

    private async Task<IReadOnlyList<LeadAlert>> AllAlertsAsync()
    {
        var found = new List<LeadAlert>();
        foreach (var record in (await _app.Store.Records.QueryAsync(new ConversationQuery(), default)).Records)
        {
            if (await _app.Store.Alerts.GetAlertAsync(LeadAlert.IdFor(record.Id, SalesChannel), default) is { } alert) found.Add(alert);
        }
        return found;
    }

    /// <summary>A member of the channel mentions the bot with <paramref name="text"/>; returns the bot's reply in the thread.</summary>
    private async Task<Activity> SayInChannelAsync(string text, string team = SalesTeam, string channel = SalesChannel)
    {
        var before = _connector.Messages.Count;
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/messages", Command(_connector, Interlocked.Increment(ref _sequence), text, team, channel), BotJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await _connector.WaitForMessagesAsync(before + 1);
        return replies.Skip(before).Single().Activity;
    }

    /// <summary>A channel message that mentions the bot with <paramref name="text"/>, from Ann of the sales team.</summary>
    internal static Activity Command(FakeConnector connector, int sequence, string text, string team = SalesTeam, string channel = SalesChannel)
    {
        var activity = ChannelActivity(connector, sequence, ActivityTypes.Message, team, channel, "aad-ann", "Ann Sales");
        activity.Text = $"<at>PartnerBot</at> {text}";
        activity.Entities = [JsonSerializer.Deserialize<Entity>($$"""{"type":"mention","mentioned":{"id":"{{BotId}}","name":"PartnerBot"},"text":"<at>PartnerBot</at>"}""", BotJson.Options)!];
        return activity;
    }

    /// <summary>Someone clicks "I'll take it" on the alert card (message <paramref name="messageId"/>).</summary>
    private async Task<(HttpStatusCode Status, JsonNode Body)> ClaimAsync(string alertId, string aadObjectId, string name, string messageId)
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/messages", Claim(_connector, Interlocked.Increment(ref _sequence), alertId, aadObjectId, name, messageId), BotJson.Options);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>The adaptiveCard/action invoke Teams sends when someone clicks "I'll take it" on the card of message <paramref name="messageId"/>.</summary>
    internal static Activity Claim(FakeConnector connector, int sequence, string alertId, string aadObjectId, string name, string messageId)
    {
        var invoke = ChannelActivity(connector, sequence, ActivityTypes.Invoke, SalesTeam, SalesChannel, aadObjectId, name);
        invoke.Name = "adaptiveCard/action";
        invoke.ReplyToId = messageId;
        invoke.Conversation!.Id = $"{SalesChannel};messageid={messageId}";
        invoke.Value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = LeadAlertCard.ClaimVerb, ["data"] = new JsonObject { ["alertId"] = alertId } },
            ["trigger"] = "manual",
        };
        return invoke;
    }

    internal static Activity ChannelActivity(FakeConnector connector, int sequence, string type, string team, string channel, string aadObjectId, string name) => new()
    {
        Type = type,
        Id = $"1700000{sequence:D6}",
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = "msteams",
        ServiceUrl = connector.ServiceUrl.ToString(),
        From = new ChannelAccount { Id = "29:" + aadObjectId, Name = name, AadObjectId = aadObjectId },
        Recipient = new ChannelAccount { Id = BotId, Name = "PartnerBot" },
        Conversation = new ConversationAccount { Id = channel + ";messageid=1", ConversationType = "channel", TenantId = "tenant-1", IsGroup = true },
        ChannelData = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = team, ["aadGroupId"] = "group-of-" + team },
            ["channel"] = new JsonObject { ["id"] = channel },
        },
    };
}
