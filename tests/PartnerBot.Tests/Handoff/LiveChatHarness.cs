using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Alerts;
using PartnerBot.Tests.Alerts;
using PartnerBot.Tests.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Handoff;

/// <summary>
/// A sales channel with lead alerts on, behind a loopback fake Bot Connector speaking the Teams wire format, and the
/// colleagues in it: Ann and Bob of the sales team. They see the lead card posted, click on it (adaptiveCard/action
/// invokes) and write in its thread, as Teams delivers those to the bot.
/// </summary>
public sealed class LiveChatHarness : IAsyncDisposable
{
    public const string SalesChannel = LeadAlertTests.SalesChannel;
    public const string SalesTeam = LeadAlertTests.SalesTeam;

    private int _sequence = 100;

    private LiveChatHarness(FakeConnector connector, string dataDirectory, Dictionary<string, string?> settings)
    {
        Connector = connector;
        DataDirectory = dataDirectory;
        Settings = settings;
        App = Start();
    }

    public FakeConnector Connector { get; }

    public string DataDirectory { get; }

    public Dictionary<string, string?> Settings { get; }

    public PartnerBotApplication App { get; private set; }

    public static async Task<LiveChatHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var connector = await FakeConnector.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Sales:AlertTeamIds:0"] = SalesTeam,
            ["Sales:AlertPollSeconds"] = "1",
            ["Sales:AlertRetrySeconds"] = "1",
            ["Sales:PublicUrl"] = "https://bot.example.test",
            ["LiveChat:TimerSeconds"] = "1",
            ["LiveChat:RelayTimeoutSeconds"] = "10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var harness = new LiveChatHarness(connector, TestDirectory.Create(), all);
        await harness.SubscribeAsync();
        return harness;
    }

    private PartnerBotApplication Start() =>
        new(DataDirectory, Settings, services: services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressStartupFilter>());

    /// <summary>Another instance of the same deployment (same settings, same store): the channel may call either.</summary>
    public PartnerBotApplication StartAnother()
    {
        var another = Start();
        _ = another.Server;
        return another;
    }

    /// <summary>Stops the app and starts it again on the same database (a deploy in the middle of a chat).</summary>
    public void Restart()
    {
        App.Dispose();
        App = Start();
        _ = App.Server;
    }

    public async Task SubscribeAsync()
    {
        var before = Connector.Messages.Count;
        using var response = await App.CreateClient().PostAsJsonAsync("/api/messages", LeadAlertTests.Command(Connector, Next(), "notify here"), BotJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Connector.WaitForMessagesAsync(before + 1);
    }

    /// <summary>The lead card for the waiting prospect, once posted: its message id and alert id.</summary>
    public async Task<(string MessageId, string AlertId, JsonNode Card)> WaitForCardAsync()
    {
        ReceivedActivity? posted = null;
        await Eventually.WaitUntilAsync(() => Task.FromResult((posted = Connector.Messages.FirstOrDefault(m => m.ConversationId == SalesChannel && m.Activity.Attachments is { Count: > 0 })) is not null),
            "the lead card reaches the sales channel");
        var card = posted!.Activity.Attachments![0].Content!;
        var join = card["actions"]!.AsArray().SingleOrDefault(a => a!["verb"]?.GetValue<string>() == LeadAlertCard.JoinVerb);
        var alertId = (join ?? card["actions"]!.AsArray().First(a => a!["type"]!.GetValue<string>() == "Action.Execute"))!["data"]!["alertId"]!.GetValue<string>();
        var messageId = (await App.Store.Alerts.GetAlertAsync(alertId, default))?.ActivityId;
        await Eventually.WaitUntilAsync(async () => (messageId = (await App.Store.Alerts.GetAlertAsync(alertId, default))?.ActivityId) is not null, "the card is marked posted");
        return (messageId!, alertId, card);
    }

    /// <summary>A website prospect who consented and asked for a person, and Ann joined them from the card.</summary>
    public async Task<(WebsiteProspect Prospect, string MessageId, string AlertId)> WebsiteChatJoinedByAnnAsync()
    {
        var prospect = await WebsiteProspect.StartAsync(App);
        await prospect.SayAsync("hi");
        await prospect.SayAsync("yes");
        await prospect.SayAsync("human please");
        var (messageId, alertId, _) = await WaitForCardAsync();
        await ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId);
        await prospect.WaitForAsync("has joined the chat");
        return (prospect, messageId, alertId);
    }

    public static string Thread(string messageId) => $"{SalesChannel};messageid={messageId}";

    /// <summary>What the bot wrote in the card's thread, in order, text only.</summary>
    public IReadOnlyList<string> ThreadTexts(string messageId) =>
        Connector.Messages.Where(m => m.ConversationId == Thread(messageId) && m.Activity.Text is not null).Select(m => m.Activity.Text!).ToList();

    public Task WaitForThreadAsync(string messageId, string fragment) =>
        Eventually.WaitUntilAsync(() => Task.FromResult(ThreadTexts(messageId).Any(t => t.Contains(fragment, StringComparison.Ordinal))), $"the thread gets \"{fragment}\"");

    /// <summary>A colleague clicks Join the chat or End chat on the card.</summary>
    public async Task<JsonNode> ClickAsync(string verb, string alertId, string messageId, string aadObjectId = "aad-ann", string name = "Ann Sales", string team = SalesTeam,
        PartnerBotApplication? via = null)
    {
        var invoke = CardClick(Connector, Next(), verb, alertId, messageId, aadObjectId, name, team);
        using var response = await (via ?? App).CreateClient().PostAsJsonAsync("/api/messages", invoke, BotJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>A colleague writes in the card's thread; with <paramref name="mention"/> as without the channel permission.</summary>
    public async Task WriteInThreadAsync(string messageId, string text, string aadObjectId = "aad-ann", string name = "Ann Sales", bool mention = false, string type = ActivityTypes.Message,
        PartnerBotApplication? via = null)
    {
        var message = InThread(Connector, Next(), messageId, type, aadObjectId, name);
        if (type == ActivityTypes.Message)
        {
            message.Text = mention ? $"<at>PartnerBot</at> {text}" : text;
            if (mention) message.Entities = [JsonSerializer.Deserialize<Entity>($$"""{"type":"mention","mentioned":{"id":"{{LeadAlertTests.BotId}}","name":"PartnerBot"},"text":"<at>PartnerBot</at>"}""", BotJson.Options)!];
        }
        using var response = await (via ?? App).CreateClient().PostAsJsonAsync("/api/messages", message, BotJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The adaptiveCard/action invoke Teams sends when a colleague clicks <paramref name="verb"/> on the card of message <paramref name="messageId"/>.</summary>
    public static Activity CardClick(FakeConnector connector, int sequence, string verb, string alertId, string messageId,
        string aadObjectId = "aad-ann", string name = "Ann Sales", string team = SalesTeam)
    {
        var invoke = LeadAlertTests.ChannelActivity(connector, sequence, ActivityTypes.Invoke, team, SalesChannel, aadObjectId, name);
        invoke.Name = "adaptiveCard/action";
        invoke.ReplyToId = messageId;
        invoke.Conversation!.Id = Thread(messageId);
        invoke.Value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["alertId"] = alertId } },
            ["trigger"] = "manual",
        };
        return invoke;
    }

    /// <summary>An activity of a colleague in the thread the card of message <paramref name="messageId"/> started (no mention).</summary>
    public static Activity InThread(FakeConnector connector, int sequence, string messageId, string type = ActivityTypes.Message, string aadObjectId = "aad-ann", string name = "Ann Sales")
    {
        var activity = LeadAlertTests.ChannelActivity(connector, sequence, type, SalesTeam, SalesChannel, aadObjectId, name);
        activity.Conversation!.Id = Thread(messageId);
        return activity;
    }

    private int Next() => Interlocked.Increment(ref _sequence);

    public async ValueTask DisposeAsync()
    {
        App.Dispose();
        await Connector.DisposeAsync();
        TestDirectory.TryDelete(DataDirectory);
    }
}

/// <summary>A prospect on the website's embedded Direct Line, as Web Chat talks to it (token, conversation, posts, reads).</summary>
public sealed class WebsiteProspect(DirectLineClient client, string conversationId, string token)
{
    private string? _watermark;


    public string ConversationId => conversationId;

    public string Token => token;

    public string RecordId => "directline/conversations/" + conversationId;

    public static async Task<WebsiteProspect> StartAsync(PartnerBotApplication app)
    {
        var client = new DirectLineClient(app.CreateClient());
        var page = await client.GetPageTokenAsync();
        using var started = await client.SendAsync(HttpMethod.Post, "/conversations", page.Token);
        started.EnsureSuccessStatusCode();
        return new WebsiteProspect(client, page.ConversationId, page.Token);
    }

    /// <summary>Sends and returns what came back since the last read (the bot's replies, a colleague's messages).</summary>
    public async Task<IReadOnlyList<Activity>> SayAsync(string text)
    {
        await client.PostMessageAsync(conversationId, token, text, "client-" + Guid.NewGuid().ToString("N")[..8]);
        return await ReadAsync();
    }

    /// <summary>The same conversation through another app (after a restart): same token, same place in the log.</summary>
    public WebsiteProspect On(PartnerBotApplication app) => new(new DirectLineClient(app.CreateClient()), conversationId, token) { _watermark = _watermark };

    public async Task PostAsync(Activity activity)
    {
        using var response = await client.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, activity);
        response.EnsureSuccessStatusCode();
    }

    private readonly List<Activity> _seen = [];

    /// <summary>Everything new not from the prospect themself (and kept: see <see cref="WaitForAsync"/>).</summary>
    public async Task<IReadOnlyList<Activity>> ReadAsync()
    {
        var set = await client.GetActivitiesAsync(conversationId, token, _watermark);
        _watermark = set.Watermark;
        var fresh = set.Activities.Where(a => a.From?.Role != "user").ToList();
        _seen.AddRange(fresh);
        return fresh;
    }

    /// <summary>Reads until a message containing <paramref name="fragment"/> has arrived; returns everything read so far.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(string fragment)
    {
        await Eventually.WaitUntilAsync(async () =>
        {
            await ReadAsync();
            return _seen.Any(a => a.Text?.Contains(fragment, StringComparison.Ordinal) == true);
        }, $"the prospect reads \"{fragment}\"");
        return _seen.ToList();
    }
}
