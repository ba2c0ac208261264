using System.Net;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;
using PartnerBot.Telemetry;

namespace PartnerBot.Sales.Alerts;

/// <summary>
/// Delivers the alert outbox to the subscribed Teams channels through the Bot Connector, with the bot's own
/// credentials, as proactive messages. An alert is marked sent with the id of the posted message, so a restart
/// never sends it again; a Connector that is down, or a 429, delays it (its <c>Retry-After</c> is honoured); a
/// channel that is gone or that removed the bot (403, 404) has its subscription marked inactive instead of being
/// retried forever.
/// </summary>
public sealed partial class LeadAlertSender(
    ILeadAlerts alerts,
    IConversationRecords records,
    ILiveChats chats,
    PartnerBot.Handoff.LiveChatCards liveChats,
    LeadAlertQueue queue,
    CardLibrary cards,
    ConnectorDeliveryFactory connectors,
    IOptions<SalesOptions> options,
    TimeProvider clock,
    ILogger<LeadAlertSender> logger) : BackgroundService
{
    private const int Batch = 20;

    /// <summary>How long a taken alert is left alone by other senders; a send takes seconds at most.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>The sender waits itself between attempts; the Connector client tries each send only briefly.</summary>
    private static readonly ConnectorRetryPolicy SendRetry = new(2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.AlertPollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Storage may be down: the alerts wait in the outbox for the next round.
                LogRoundFailed(logger, exception);
            }
            try
            {
                await queue.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due now, then refreshes cards whose lead changed; returns how many alerts it sent or tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var due = await alerts.DueAsync(clock.GetUtcNow(), Batch, cancellationToken);
        foreach (var alert in due) await SendAsync(alert, cancellationToken);
        while (queue.TryTakeRefresh(out var alertId)) await RefreshAsync(alertId, cancellationToken);
        return due.Count;
    }

    /// <summary>Replaces a posted card with one drawn from the lead as it is now (the contact details it gained since).</summary>
    private async Task RefreshAsync(string alertId, CancellationToken cancellationToken)
    {
        var alert = await alerts.GetAlertAsync(alertId, cancellationToken);
        if (alert is not { ActivityId: { } messageId }) return;
        var subscription = await alerts.GetSubscriptionAsync(alert.SubscriptionId, cancellationToken);
        var record = await records.GetAsync(alert.RecordId, cancellationToken);
        if (subscription is not { Active: true } || record is null) return;
        var activity = LeadAlertCard.ToActivity(record, alert.Id, WorkspaceUrl(options.Value, record.Id), cards, await chats.GetAsync(record.Id, cancellationToken));
        activity.Id = messageId;
        try
        {
            await connectors.ClientFor(new Uri(subscription.ServiceUrl), SendRetry).UpdateActivityAsync(subscription.Id, messageId, activity, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or UntrustedServiceUrlException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(logger, exception);
        }
    }

    private async Task SendAsync(LeadAlert due, CancellationToken cancellationToken)
    {
        // Taken first, so two senders (two instances) never post the same alert.
        if (await alerts.TryTakeAsync(due, clock.GetUtcNow() + Lease, cancellationToken) is not { } alert) return;
        var subscription = await alerts.GetSubscriptionAsync(alert.SubscriptionId, cancellationToken);
        if (subscription is not { Active: true })
        {
            await alerts.UpdateAsync(alert with { GivenUp = true, LastError = "The channel no longer receives alerts." }, cancellationToken);
            return;
        }
        if (await records.GetAsync(alert.RecordId, cancellationToken) is not { } record)
        {
            await alerts.UpdateAsync(alert with { GivenUp = true, LastError = "The lead was erased." }, cancellationToken);
            return;
        }

        var activity = LeadAlertCard.ToActivity(record, alert.Id, WorkspaceUrl(options.Value, record.Id), cards, await chats.GetAsync(record.Id, cancellationToken));
        activity.ChannelId = Channels.MsTeams;
        activity.From = subscription.BotId is { } bot ? new ChannelAccount { Id = bot, Role = "bot" } : null;
        activity.Conversation = new ConversationAccount { Id = subscription.Id, ConversationType = "channel", TenantId = subscription.TenantId, IsGroup = true };
        var connector = connectors.ClientFor(new Uri(subscription.ServiceUrl), SendRetry);
        try
        {
            var posted = await connector.SendToConversationAsync(subscription.Id, activity, cancellationToken);
            await alerts.UpdateAsync(alert with { SentAt = clock.GetUtcNow(), ActivityId = posted.Id, LastError = null }, cancellationToken);
            PartnerBotTelemetry.Alerts.Add(1, new System.Diagnostics.TagList { { "partnerbot.alert.outcome", "sent" } });
            // A prospect waiting to chat gets the card's thread at once, with what they wrote meanwhile.
            if (posted.Id is { } messageId) await JoinLiveChatAsync(alert, subscription, messageId, cancellationToken);
        }
        catch (ConnectorException exception) when (exception.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // Removed from the team, or the channel was deleted: retrying would never succeed.
            await alerts.DeactivateAsync(subscription.Id, $"The channel answered {(int)exception.StatusCode!}: the bot was removed or the channel deleted.", cancellationToken);
            await alerts.UpdateAsync(alert with { GivenUp = true, LastError = $"{(int)exception.StatusCode!} from the Connector" }, cancellationToken);
            PartnerBotTelemetry.Alerts.Add(1, new System.Diagnostics.TagList { { "partnerbot.alert.outcome", "channel_gone" } });
            LogChannelGone(logger, (int)exception.StatusCode!);
        }
        catch (UntrustedServiceUrlException exception)
        {
            // A subscription can only come from a validated channel message, so this is configuration gone wrong.
            await alerts.DeactivateAsync(subscription.Id, exception.Message, cancellationToken);
            await alerts.UpdateAsync(alert with { GivenUp = true, LastError = exception.Message }, cancellationToken);
            LogChannelGone(logger, 0);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping: the alert is handed back, due at once, so the next start (or another instance)
            // sends it without waiting out the lease. The Connector may have taken the post already; then it is posted
            // again, as after any lost answer.
            using var handBack = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await alerts.UpdateAsync(alert with { DueAt = clock.GetUtcNow(), LastError = "Interrupted by a shutdown" }, handBack.Token);
            LogHandedBack(logger, alert.Id);
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var giveUp = now - alert.CreatedAt > TimeSpan.FromHours(options.Value.AlertGiveUpHours);
            var wait = (exception as ConnectorException)?.RetryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(alert.Attempts, options.Value.AlertRetrySeconds);
            var status = (exception as HttpRequestException)?.StatusCode is { } code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer";
            await alerts.UpdateAsync(alert with { DueAt = now + wait, GivenUp = giveUp, LastError = $"Connector: {status}" }, cancellationToken);
            PartnerBotTelemetry.Alerts.Add(1, new System.Diagnostics.TagList { { "partnerbot.alert.outcome", giveUp ? "given_up" : "retry" } });
            if (giveUp) LogGivenUp(logger, alert.Id, alert.Attempts);
            else LogRetry(logger, status, wait.TotalSeconds);
        }
    }

    /// <summary>The card is posted whatever happens here: a failure costs the chat this thread, never a second card.</summary>
    private async Task JoinLiveChatAsync(LeadAlert alert, AlertSubscription subscription, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await liveChats.OnPostedAsync(alert, subscription, messageId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogLiveChatThreadFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A posted lead card could not be joined to the prospect's live chat")]
    private static partial void LogLiveChatThreadFailed(ILogger logger, Exception exception);

    /// <summary>Doubling from <paramref name="first"/> seconds, at most 15 minutes apart.</summary>
    private static TimeSpan Backoff(int attempts, int first) => TimeSpan.FromSeconds(Math.Min(15 * 60, first * Math.Pow(2, Math.Min(attempts - 1, 10))));

    public static string WorkspaceUrl(SalesOptions options, string recordId) =>
        $"{(string.IsNullOrWhiteSpace(options.PublicUrl) ? "http://localhost:3978" : options.PublicUrl.TrimEnd('/'))}/sales/conversations/{SalesKeys.Encode(recordId)}";

    [LoggerMessage(Level = LogLevel.Information, Message = "A posted lead alert could not be refreshed with the lead's new details; the workspace shows them")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending lead alerts failed; they stay in the outbox for the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lead alert channel answered {Status}; its subscription is now inactive")]
    private static partial void LogChannelGone(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "A lead alert could not be delivered ({Status}); trying again in {Seconds:F0} s")]
    private static partial void LogRetry(ILogger logger, string status, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: lead alert {AlertId} was being sent; it is due again at the next start")]
    private static partial void LogHandedBack(ILogger logger, string alertId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lead alert {AlertId} was given up after {Attempts} attempts")]
    private static partial void LogGivenUp(ILogger logger, string alertId, int attempts);
}
