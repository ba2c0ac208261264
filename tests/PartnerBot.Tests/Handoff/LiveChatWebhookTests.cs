using PartnerBot.Sales.Alerts;
using PartnerBot.Tests.Webhooks;
using PartnerBot.Webhooks;

namespace PartnerBot.Tests.Handoff;

/// <summary>
/// A live chat as the webhooks tell it: Ann joining from the Teams card is the lead's new owner (lead.updated) and the
/// start of the hand-off (handoff.started); ending it is handoff.ended. Each is sent once, signed.
/// </summary>
public sealed class LiveChatWebhookTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private LiveChatHarness _sales = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _sales = await LiveChatHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Name"] = "crm",
            ["Webhooks:Endpoints:0:Url"] = _receiver.Url,
            ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
            ["Webhooks:PollSeconds"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await _sales.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Ann_joining_makes_her_the_owner_and_starts_the_hand_off_and_ending_it_is_sent_too()
    {
        var (prospect, messageId, alertId) = await _sales.WebsiteChatJoinedByAnnAsync();

        await _receiver.WaitForAsync(WebhookEventTypes.HandoffStarted);
        await _receiver.WaitForAsync(WebhookEventTypes.LeadUpdated);
        var owned = Assert.Single(_receiver.DeliveredOf(WebhookEventTypes.LeadUpdated)).Json["data"]!["lead"]!;
        Assert.Equal(("aad-ann", "Ann Sales", true), (owned["owner"]!["id"]!.GetValue<string>(), owned["owner"]!["name"]!.GetValue<string>(), owned["chattedLive"]!.GetValue<bool>()));
        Assert.True(WebhookReceiver.SignatureHolds(_receiver.DeliveredOf(WebhookEventTypes.HandoffStarted).Single()));

        await _sales.ClickAsync(LeadAlertCard.EndVerb, alertId, messageId);
        await prospect.WaitForAsync("has ended the chat");
        await _receiver.WaitForAsync(WebhookEventTypes.HandoffEnded);
        Assert.Single(_receiver.DeliveredOf(WebhookEventTypes.HandoffStarted));
        Assert.Single(_receiver.DeliveredOf(WebhookEventTypes.HandoffEnded));
    }
}
