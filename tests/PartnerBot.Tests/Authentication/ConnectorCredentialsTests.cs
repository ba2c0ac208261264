using PartnerBot.BotFramework.Builder;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Authentication;

/// <summary>
/// Outbound: replies carry the bot's Connector token from Entra ID (acquired once and reused), and only ever to a
/// service URL that a validated token vouched for.
/// </summary>
public sealed class ConnectorCredentialsTests : IAsyncLifetime
{
    private LocalIdentityProvider _idp = null!;
    private FakeEntraId _entra = null!;
    private FakeConnector _connector = null!;
    private FakeConnector _attacker = null!;
    private WebApplicationFactory<Program> _app = null!;

    public async Task InitializeAsync()
    {
        _idp = await LocalIdentityProvider.StartAsync();
        _entra = await FakeEntraId.StartAsync();
        _connector = await FakeConnector.StartAsync();
        _attacker = await FakeConnector.StartAsync();
        var settings = _idp.BotSettings();
        settings["BotFramework:EntraAuthorityHost"] = _entra.AuthorityHost;
        settings["BotFramework:TrustedServiceUrlHosts:0"] = "smba.trafficmanager.net";
        _app = new PartnerBotApplication(settings: settings)
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IMsalHttpClientFactory>(_entra)));
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _attacker.DisposeAsync();
        await _connector.DisposeAsync();
        await _entra.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task The_token_is_acquired_once_from_entra_and_reused_for_every_reply()
    {
        var serviceUrl = _connector.ServiceUrl.ToString();

        using (var first = await Post(Message("c-1", "hi", serviceUrl), LocalIdentityProvider.ChannelToken(_idp.ChannelKey, serviceUrl))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await Post(Message("c-1", "yes", serviceUrl), LocalIdentityProvider.ChannelToken(_idp.ChannelKey, serviceUrl))) Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var received = await _connector.WaitForMessagesAsync(4);
        Assert.True(received.Count >= 4);
        Assert.All(received, r => Assert.Equal("Bearer " + FakeEntraId.AccessToken, r.Authorization));
        var request = Assert.Single(_entra.TokenRequests);
        Assert.Equal(LocalIdentityProvider.AppId, request["client_id"]);
        Assert.Equal("test-client-secret", request["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request["scope"]);
    }

    [Fact]
    public async Task A_forged_service_url_never_gets_the_token()
    {
        var attackerUrl = _attacker.ServiceUrl.ToString();

        // A channel token vouching for another service URL: rejected before any turn, nothing sent anywhere.
        using (var forged = await Post(Message("c-2", "hi", attackerUrl), LocalIdentityProvider.ChannelToken(_idp.ChannelKey, "https://smba.trafficmanager.net/emea/")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
        // Even asked directly, the credentials refuse a URL no validated request vouched for.
        var credentials = _app.Services.GetRequiredService<IConnectorCredentials>();
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => credentials.GetTokenAsync(_attacker.ServiceUrl, default));

        await Task.Delay(200);
        Assert.Empty(_attacker.Received);
        Assert.Equal(0, _attacker.Attempts);
        Assert.Empty(_entra.TokenRequests);
    }

    [Fact]
    public async Task A_proactive_message_goes_to_the_stored_conversation_with_the_same_credentials()
    {
        var serviceUrl = _connector.ServiceUrl.ToString();
        using (var hello = await Post(Message("c-3", "hi", serviceUrl), LocalIdentityProvider.ChannelToken(_idp.ChannelKey, serviceUrl))) Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        await _connector.WaitForMessagesAsync(2);
        var store = new Stores(_app.Services);
        var record = await store.Records.GetAsync("msteams/conversations/c-3", default);
        var reference = record!.ConversationReference.Deserialize<ConversationReference>(BotJson.Options)!;
        var adapter = _app.Services.GetRequiredService<PartnerBot.BotFramework.Builder.BotAdapter>();

        await adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivityAsync("A sales engineer will call you tomorrow.", ct), default);

        var followUp = (await _connector.WaitForMessagesAsync(3)).Last();
        Assert.Equal("A sales engineer will call you tomorrow.", followUp.Activity.Text);
        Assert.Null(followUp.ReplyToId);
        Assert.Equal("c-3", followUp.ConversationId);
        Assert.Equal("29:user", followUp.Activity.Recipient!.Id);
        Assert.Equal("Bearer " + FakeEntraId.AccessToken, followUp.Authorization);

        var forged = new ConversationReference { ChannelId = "msteams", ServiceUrl = _attacker.ServiceUrl.ToString(), Conversation = new ConversationAccount { Id = "c-3" }, User = reference.User, Bot = reference.Bot };
        var refused = await Assert.ThrowsAsync<ActivityDeliveryException>(() => adapter.ContinueConversationAsync(forged, (turn, ct) => turn.SendActivityAsync("hello", ct), default));
        Assert.IsType<UntrustedServiceUrlException>(refused.InnerException);
        Assert.Equal(0, _attacker.Attempts);
    }

    private static Activity Message(string conversation, string text, string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = text,
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = "29:user", Name = "Ada" },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "PartnerBot" },
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal", TenantId = "tenant-1" },
    };

    private async Task<HttpResponseMessage> Post(Activity activity, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: BotJson.Options) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await _app.CreateClient().SendAsync(request);
    }
}
