using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Sales.Alerts;
using PartnerBot.Tests.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Handoff;

/// <summary>
/// Two instances on one Azurite, as App Service runs them: the prospect's stream is open on one, Teams delivers the
/// colleague's join and replies to the other, and the prospect still reads every reply, in order.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LiveChatScaleOutTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task A_reply_that_reaches_one_instance_gets_to_the_prospects_stream_on_the_other()
    {
        await using var sales = await LiveChatHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureTable",
            ["Storage:ConnectionString"] = fixture.Azurite.ConnectionString,
            ["Storage:TablePrefix"] = Azurite.NewPrefix(),
            // Instances share their keys through configuration, as the deployment template sets them.
            ["DirectLine:TokenSigningKey"] = "live-chat-scale-out-signing-key-0123456789",
            ["Privacy:UserIdHashKey"] = "live-chat-scale-out-user-id-hash-key-0123456789",
        });
        using var streamInstance = sales.StartAnother();
        var prospect = await WebsiteProspect.StartAsync(streamInstance);
        using var socket = await streamInstance.Server.CreateWebSocketClient().ConnectAsync(
            new Uri($"ws://localhost/v3/directline/conversations/{prospect.ConversationId}/stream?t={Uri.EscapeDataString(prospect.Token)}"), default);
        var streams = streamInstance.Services.GetRequiredService<DirectLineStreams>();
        await Eventually.WaitUntilAsync(() => Task.FromResult(streams.OpenStreams == 1), "the prospect's stream is open");

        await prospect.SayAsync("hi");
        await prospect.SayAsync("yes");
        await prospect.SayAsync("human please");
        var (messageId, alertId, _) = await sales.WaitForCardAsync();
        await sales.ClickAsync(LeadAlertCard.JoinVerb, alertId, messageId);
        for (var i = 1; i <= 3; i++) await sales.WriteInThreadAsync(messageId, $"Ann {i}");

        var streamed = new List<Activity>();
        while (!streamed.Any(a => a.Text == "Ann 3")) streamed.AddRange((await StreamFrames.ReceiveSetAsync(socket)).Activities);
        Assert.Equal(["Ann 1", "Ann 2", "Ann 3"], streamed.Where(a => a.From?.Name == "Ann Sales").Select(a => a.Text));
        Assert.Contains(streamed, a => a.Text == "Ann Sales from our team has joined the chat.");

        // And the prospect's words, answered by the stream's instance, reach the thread.
        await prospect.SayAsync("Hi Ann");
        await sales.WaitForThreadAsync(messageId, "**Website visitor:** Hi Ann");
    }
}
