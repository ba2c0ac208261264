using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>
/// Two app instances on one Azurite, as App Service runs them with more than one instance: the visitor's socket is
/// on one, their posts are answered by the other, and the socket still gets every activity, once, in order.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DirectLineScaleOutTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task A_socket_on_one_instance_receives_what_another_instance_answered_once_and_in_order()
    {
        var prefix = Azurite.NewPrefix();
        using var socketInstance = Instance(prefix);
        using var postInstance = Instance(prefix);
        var posts = new DirectLineClient(postInstance.CreateClient());
        var page = await posts.GetPageTokenAsync();
        using var socket = await socketInstance.Server.CreateWebSocketClient().ConnectAsync(
            new Uri($"ws://localhost/v3/directline/conversations/{page.ConversationId}/stream?t={Uri.EscapeDataString(page.Token)}"), default);
        var streams = socketInstance.Services.GetRequiredService<DirectLineStreams>();
        for (var i = 0; i < 600 && streams.OpenStreams < 1; i++) await Task.Delay(50);
        Assert.NotNull(streams.PollInterval);

        await posts.PostMessageAsync(page.ConversationId, page.Token, "hi");
        await posts.PostMessageAsync(page.ConversationId, page.Token, "yes", "client-2");
        // And one answered by the socket's own instance, after the others: it must not overtake them.
        await new DirectLineClient(socketInstance.CreateClient()).PostMessageAsync(page.ConversationId, page.Token, "help", "client-3");

        var logged = (await posts.GetActivitiesAsync(page.ConversationId, page.Token)).Activities;
        var streamed = new List<Activity>();
        while (streamed.Count < logged.Count) streamed.AddRange((await StreamFrames.ReceiveSetAsync(socket)).Activities);

        Assert.Equal(logged.Select(a => a.Id), streamed.Select(a => a.Id));
        Assert.Equal(["hi", "yes", "help"], streamed.Where(a => a.From?.Id == page.UserId).Select(a => a.Text));
        Assert.Contains(streamed, a => a.Text?.Contains("Question 1 of ") == true);
    }

    [Fact]
    public void The_embedded_store_needs_no_polling_and_the_setting_turns_it_off()
    {
        using var sqlite = new PartnerBotApplication();
        Assert.Null(sqlite.Services.GetRequiredService<DirectLineStreams>().PollInterval);

        using var off = Instance(Azurite.NewPrefix(), new() { ["DirectLine:StreamPollMilliseconds"] = "0" });
        Assert.Null(off.Services.GetRequiredService<DirectLineStreams>().PollInterval);
    }

    private PartnerBotApplication Instance(string prefix, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureTable",
            ["Storage:ConnectionString"] = fixture.Azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            // Instances share their keys through configuration, as the deployment template sets them.
            ["DirectLine:TokenSigningKey"] = "scale-out-test-signing-key-for-direct-line",
            ["Privacy:UserIdHashKey"] = "scale-out-test-user-id-hash-key-0123456789",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return new PartnerBotApplication(settings: settings);
    }
}
