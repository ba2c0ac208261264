using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Storage;

namespace PartnerBot.Tests.Alerts;

/// <summary>The lead alert store on every provider: subscriptions, an idempotent outbox, and an alert taken by one sender only.</summary>
public abstract class LeadAlertStoreContractTests
{
    protected abstract ILeadAlerts Alerts { get; }

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-30T10:00:00Z");

    [Fact]
    public async Task A_channel_subscribes_stops_and_subscribes_again()
    {
        var channel = new AlertSubscription("19:sales@thread.tacv2", "https://smba.trafficmanager.net/emea/", "tenant-1", "19:team@thread.tacv2", "28:bot", "Ann", Now);

        await Alerts.SubscribeAsync(channel, default);
        Assert.Equal([channel], await Alerts.ActiveSubscriptionsAsync(default));
        Assert.True(await Alerts.DeactivateAsync(channel.Id, "asked to stop", default));
        Assert.False(await Alerts.DeactivateAsync(channel.Id, "again", default));
        Assert.Empty(await Alerts.ActiveSubscriptionsAsync(default));
        Assert.Equal((false, "asked to stop"), ((await Alerts.GetSubscriptionAsync(channel.Id, default))!.Active, (await Alerts.GetSubscriptionAsync(channel.Id, default))!.InactiveReason));
        await Alerts.SubscribeAsync(channel with { SubscribedBy = "Bob" }, default);

        Assert.Equal("Bob", Assert.Single(await Alerts.ActiveSubscriptionsAsync(default)).SubscribedBy);
        Assert.Null(await Alerts.GetSubscriptionAsync("19:unknown@thread.tacv2", default));
    }

    [Fact]
    public async Task An_alert_is_enqueued_once_taken_by_one_sender_and_leaves_the_outbox_when_sent()
    {
        var alert = new LeadAlert(LeadAlert.IdFor("webchat/conversations/c1", "19:sales"), "webchat/conversations/c1", "19:sales", Now, Now);

        Assert.True(await Alerts.EnqueueAsync(alert, default));
        Assert.False(await Alerts.EnqueueAsync(alert with { DueAt = Now.AddDays(1) }, default));
        Assert.Empty(await Alerts.DueAsync(Now.AddSeconds(-1), 10, default));
        var due = Assert.Single(await Alerts.DueAsync(Now, 10, default));
        var first = await Alerts.TryTakeAsync(due, Now.AddMinutes(2), default);
        var second = await Alerts.TryTakeAsync(due, Now.AddMinutes(2), default);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(1, first.Attempts);
        Assert.Empty(await Alerts.DueAsync(Now.AddMinutes(1), 10, default));
        Assert.Single(await Alerts.DueAsync(Now.AddMinutes(3), 10, default));

        await Alerts.UpdateAsync(first with { SentAt = Now, ActivityId = "1700000000001" }, default);

        Assert.Empty(await Alerts.DueAsync(Now.AddDays(2), 10, default));
        Assert.Equal("1700000000001", (await Alerts.GetAlertAsync(alert.Id, default))!.ActivityId);
    }

    [Fact]
    public async Task A_waiting_alert_can_be_made_due_sooner_until_a_sender_takes_it()
    {
        var alert = new LeadAlert("a3", "r3", "19:sales", Now, Now.AddMinutes(2));
        await Alerts.EnqueueAsync(alert, default);

        Assert.True(await Alerts.TryAdvanceAsync("a3", Now, default));
        var due = Assert.Single(await Alerts.DueAsync(Now, 10, default));
        var taken = await Alerts.TryTakeAsync(due, Now.AddMinutes(2), default);

        Assert.NotNull(taken);
        Assert.False(await Alerts.TryAdvanceAsync("a3", Now, default));
        Assert.False(await Alerts.TryAdvanceAsync("missing", Now, default));
        Assert.Empty(await Alerts.DueAsync(Now.AddMinutes(1), 10, default));
    }

    [Fact]
    public async Task A_given_up_alert_is_never_due_again()
    {
        var alert = new LeadAlert("a2", "r2", "19:sales", Now, Now);
        await Alerts.EnqueueAsync(alert, default);

        await Alerts.UpdateAsync(alert with { Attempts = 3, GivenUp = true, LastError = "403" }, default);

        Assert.Empty(await Alerts.DueAsync(Now.AddYears(1), 10, default));
        Assert.Equal((true, "403"), ((await Alerts.GetAlertAsync("a2", default))!.GivenUp, (await Alerts.GetAlertAsync("a2", default))!.LastError));
    }
}
