using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Protocol;

/// <summary>
/// Without a MicrosoftAppId nobody vouches for an activity, so the bot must not become a relay: it answers only
/// callers on this machine, replies only to loopback service URLs, and outside Development it starts only when
/// told to run this way. Nothing here leaves the machine: the Connector's HTTP handler only records.
/// </summary>
public sealed class UnauthenticatedModeTests
{
    private readonly RecordingHandler _connector = new();

    private PartnerBotApplication App(string? environment = null, IDictionary<string, string?>? settings = null, IPAddress? caller = null) =>
        new(settings: settings, environment: environment, services: services =>
        {
            services.AddHttpClient(ConnectorDeliveryFactory.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _connector);
            if (caller is not null) services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(caller));
        });

    [Theory]
    [InlineData("http://10.0.0.8:8080/admin/")]
    [InlineData("https://203.0.113.10/")]
    [InlineData("http://internal-service.local/")]
    public async Task An_activity_with_a_non_loopback_service_url_is_refused_and_the_address_never_contacted(string serviceUrl)
    {
        using var app = App();
        var chat = app.Chat(channelId: "msteams", serviceUrl: serviceUrl);

        using var response = await chat.PostAsync(chat.NewMessage("hi"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("loopback", await response.Content.ReadAsStringAsync());
        Assert.Empty(_connector.Requests);
        Assert.Empty(await app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default));
        Assert.Empty((await app.Store.Records.QueryAsync(new PartnerBot.Storage.ConversationQuery(), default)).Records);
    }

    [Fact]
    public async Task A_loopback_service_url_is_answered_as_before()
    {
        using var app = App();
        var chat = app.Chat(serviceUrl: "http://127.0.0.1:9/");

        using var response = await chat.PostAsync(chat.NewMessage("hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(_connector.Requests, uri => Assert.True(uri.IsLoopback));
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/x")]
    [InlineData("not a url")]
    public async Task A_service_url_that_is_not_http_is_a_400(string serviceUrl)
    {
        using var app = App();
        var chat = app.Chat(serviceUrl: serviceUrl);

        using var response = await chat.PostAsync(chat.NewMessage("hi"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceUrl", await response.Content.ReadAsStringAsync());
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_caller_from_another_machine_is_refused_even_with_expect_replies()
    {
        using var app = App(caller: IPAddress.Parse("198.51.100.7"));
        var chat = app.Chat();

        using var response = await chat.PostAsync(chat.NewMessage("hi"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default));
    }

    [Fact]
    public void Outside_development_the_app_refuses_to_start_without_authentication_unless_told()
    {
        using var refused = App(environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => refused.CreateClient());
        var validation = Assert.IsType<OptionsValidationException>(error is OptionsValidationException ? error : error.InnerException ?? error);
        Assert.Contains("Bot:AllowUnauthenticated", validation.Message);

        using var allowed = App(environment: "Production", settings: new Dictionary<string, string?> { ["Bot:AllowUnauthenticated"] = "true" });
        var client = allowed.CreateClient();
        Assert.NotNull(client);
    }

    [Theory]
    [InlineData("entities")]
    [InlineData("membersAdded")]
    [InlineData("attachments")]
    public async Task Null_entries_in_an_activitys_lists_are_a_400_not_a_failed_turn(string list)
    {
        using var app = App();
        var body = "{\"type\":\"message\",\"id\":\"1\",\"channelId\":\"emulator\",\"conversation\":{\"id\":\"nulls\"},\"from\":{\"id\":\"u\"},"
            + $"\"deliveryMode\":\"expectReplies\",\"text\":\"hi\",\"{list}\":[null]}}";

        using var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(list, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_card_action_invoke_with_a_malformed_value_is_answered_and_keeps_the_dialog()
    {
        using var app = App();
        var chat = app.Chat(channelId: "msteams");
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        var invoke = chat.NewActivity(ActivityTypes.Invoke);
        invoke.Name = "adaptiveCard/action";
        invoke.Value = System.Text.Json.Nodes.JsonNode.Parse("""{"action":"not-an-object"}""");

        using var response = await chat.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("application/vnd.microsoft.error", await response.Content.ReadAsStringAsync());
        (await chat.SendAsync("startup")).Expect("Question 2 of ");
    }

    /// <summary>Makes requests look as if they came from another machine (an in-process host has no socket).</summary>
    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
