using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Authentication;

/// <summary>
/// With a MicrosoftAppId, /api/messages runs a turn only for a token validated exactly as the Bot Framework
/// requires. Every rejection answers 401 (403 for a key not endorsed for the channel) and runs no turn.
/// </summary>
public sealed class ChannelAuthenticationTests : IAsyncLifetime
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private LocalIdentityProvider _idp = null!;
    private PartnerBotApplication _app = null!;

    public async Task InitializeAsync()
    {
        _idp = await LocalIdentityProvider.StartAsync();
        _app = new PartnerBotApplication(settings: _idp.BotSettings());
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _idp.DisposeAsync();
    }

    public static TheoryData<string, int> Cases => new()
    {
        { "valid channel token", 200 },
        { "valid emulator v1 token", 200 },
        { "valid emulator v2 token", 200 },
        { "missing header", 401 },
        { "wrong scheme", 401 },
        { "three-part header", 401 },
        { "not a jwt", 401 },
        { "bad signature", 401 },
        { "alg none", 401 },
        { "HS256", 401 },
        { "expired", 401 },
        { "not yet valid", 401 },
        { "wrong audience", 401 },
        { "wrong issuer", 401 },
        { "serviceUrl claim mismatch", 401 },
        { "channel not endorsed", 403 },
        { "emulator token for another app", 401 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_token_gets_its_status_and_only_valid_ones_run_a_turn(string name, int expected)
    {
        var conversation = "auth-" + Guid.NewGuid().ToString("N")[..8];
        var activity = Message(conversation, channelId: name == "channel not endorsed" ? "slack" : "msteams");
        var header = HeaderFor(name);

        using var response = await Post(activity, header);

        Assert.Equal(expected, (int)response.StatusCode);
        var transcript = await _app.Store.Transcripts.GetTranscriptAsync(conversation, default);
        if (expected == 200)
        {
            Assert.Contains("May we keep this conversation", await response.Content.ReadAsStringAsync());
            Assert.NotEmpty(transcript);
        }
        else
        {
            Assert.Empty(transcript);
            Assert.Null(await _app.Store.Records.GetAsync($"{activity.ChannelId}/conversations/{conversation}", default));
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("eyJ", body);
        }
    }

    [Fact]
    public async Task An_unknown_key_triggers_one_metadata_refresh_then_is_rejected()
    {
        using (var warmUp = await Post(Message("warm"), "Bearer " + LocalIdentityProvider.ChannelToken(_idp.ChannelKey, ServiceUrl))) Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        var fetchesBefore = _idp.ChannelKeyFetches;
        using var stranger = LocalIdentityProvider.NewKey("never-published", "msteams").Rsa;

        using var response = await Post(Message("unknown-kid"),
            "Bearer " + LocalIdentityProvider.ChannelToken(new LocalIdentityProvider.SigningKey("never-published", stranger, ["msteams"]), ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(fetchesBefore + 1, _idp.ChannelKeyFetches);
    }

    [Fact]
    public async Task After_key_rotation_the_new_key_is_accepted()
    {
        using (var warmUp = await Post(Message("before-rotation"), "Bearer " + LocalIdentityProvider.ChannelToken(_idp.ChannelKey, ServiceUrl))) Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);

        var rotated = _idp.RotateChannelKey("channel-key-2");
        using var response = await Post(Message("after-rotation"), "Bearer " + LocalIdentityProvider.ChannelToken(rotated, ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer a.b")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_malformed_authorization_header_is_refused_before_the_body_is_read(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent("{ this is not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await _app.CreateClient().SendAsync(request);

        // 401, not the 400 that parsing the body would have produced.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Only_a_channel_token_vouches_for_its_service_url()
    {
        var trusted = _app.Services.GetRequiredService<PartnerBot.BotFramework.Connector.TrustedServiceUrls>();
        var relay = new Uri("https://relay.example/bot/");
        var viaEmulator = Message("emulator-vouch");
        viaEmulator.ServiceUrl = relay.ToString();

        using (var emulator = await Post(viaEmulator, "Bearer " + LocalIdentityProvider.EntraToken(_idp.EntraKey, "2.0"))) Assert.Equal(HttpStatusCode.OK, emulator.StatusCode);
        Assert.False(trusted.IsTrusted(relay));

        var viaChannel = Message("channel-vouch");
        viaChannel.ServiceUrl = relay.ToString();
        using (var channel = await Post(viaChannel, "Bearer " + LocalIdentityProvider.ChannelToken(_idp.ChannelKey, relay.ToString()))) Assert.Equal(HttpStatusCode.OK, channel.StatusCode);
        Assert.True(trusted.IsTrusted(relay));
    }

    [Theory]
    [InlineData("missing header")]
    [InlineData("bad signature")]
    [InlineData("expired")]
    public async Task A_join_click_without_a_valid_channel_token_is_refused_and_joins_nobody(string name)
    {
        var lead = "directline/conversations/waiting-prospect";
        await _app.Store.LiveChats.TrySaveAsync(new PartnerBot.Storage.LiveChat
        {
            Id = lead, ChannelId = "directline", ConversationId = "waiting-prospect", Reference = new System.Text.Json.Nodes.JsonObject(),
            Status = PartnerBot.Storage.LiveChatStatus.Waiting, RequestedAt = DateTimeOffset.UtcNow, LastActivityAt = DateTimeOffset.UtcNow,
        }, default);
        var join = Message("19:leads@thread.tacv2;messageid=1700000000001");
        join.Type = ActivityTypes.Invoke;
        join.Name = "adaptiveCard/action";
        join.Text = null;
        join.From = new ChannelAccount { Id = "29:mallory", Name = "Mallory", AadObjectId = "aad-mallory" };
        join.Value = new System.Text.Json.Nodes.JsonObject
        {
            ["action"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "Action.Execute", ["verb"] = "joinChat", ["data"] = new System.Text.Json.Nodes.JsonObject { ["alertId"] = PartnerBot.Storage.LeadAlert.IdFor(lead, "19:leads@thread.tacv2") } },
        };

        using var response = await Post(join, HeaderFor(name));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var chat = await _app.Store.LiveChats.GetAsync(lead, default);
        Assert.Equal((PartnerBot.Storage.LiveChatStatus.Waiting, null), (chat!.Status, chat.Agent));
    }

    private string? HeaderFor(string name)
    {
        var key = _idp.ChannelKey;
        var now = DateTime.UtcNow;
        string Channel(string? serviceUrl = null) => LocalIdentityProvider.ChannelToken(key, serviceUrl ?? ServiceUrl);
        return name switch
        {
            "valid channel token" or "channel not endorsed" => "Bearer " + Channel(),
            "valid emulator v1 token" => "Bearer " + LocalIdentityProvider.EntraToken(_idp.EntraKey, "1.0"),
            "valid emulator v2 token" => "Bearer " + LocalIdentityProvider.EntraToken(_idp.EntraKey, "2.0"),
            "emulator token for another app" => "Bearer " + LocalIdentityProvider.EntraToken(_idp.EntraKey, "2.0", appId: "someone-else"),
            "missing header" => null,
            "wrong scheme" => "Basic " + Channel(),
            "three-part header" => "Bearer " + Channel() + " extra",
            "not a jwt" => "Bearer not-a-token",
            "bad signature" => "Bearer " + Channel()[..^8] + "AAAAAAAA",
            "alg none" => "Bearer " + LocalIdentityProvider.UnsignedToken(ServiceUrl),
            "HS256" => "Bearer " + LocalIdentityProvider.Mint(new SymmetricSecurityKey(new byte[32]) { KeyId = key.Kid }, SecurityAlgorithms.HmacSha256,
                "https://api.botframework.com", LocalIdentityProvider.AppId, null, null, new() { ["serviceurl"] = ServiceUrl }),
            "expired" => "Bearer " + LocalIdentityProvider.ChannelToken(key, ServiceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)),
            "not yet valid" => "Bearer " + LocalIdentityProvider.ChannelToken(key, ServiceUrl, notBefore: now.AddMinutes(10), expires: now.AddHours(1)),
            "wrong audience" => "Bearer " + LocalIdentityProvider.ChannelToken(key, ServiceUrl, audience: "another-bot"),
            "wrong issuer" => "Bearer " + LocalIdentityProvider.ChannelToken(key, ServiceUrl, issuer: "https://evil.example"),
            "serviceUrl claim mismatch" => "Bearer " + Channel("https://evil.example/"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static Activity Message(string conversation, string channelId = "msteams") => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = "hi",
        ChannelId = channelId,
        ServiceUrl = ServiceUrl,
        From = new ChannelAccount { Id = "29:user", Name = "Ada" },
        Recipient = new ChannelAccount { Id = "28:" + LocalIdentityProvider.AppId, Name = "PartnerBot" },
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal", TenantId = "tenant-1" },
        DeliveryMode = DeliveryModes.ExpectReplies,
    };

    private async Task<HttpResponseMessage> Post(Activity activity, string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: BotJson.Options) };
        if (header is not null) request.Headers.TryAddWithoutValidation("Authorization", header);
        return await _app.CreateClient().SendAsync(request);
    }
}
