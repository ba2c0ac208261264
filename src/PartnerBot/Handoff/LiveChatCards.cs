using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Alerts;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;

namespace PartnerBot.Handoff;

/// <summary>
/// The lead cards a live chat lives under: each posted card is redrawn when the chat changes (waiting, who joined,
/// ended), so everyone in the channel sees where it stands; a card posted once the prospect is already waiting
/// joins the chat's threads and gets what the prospect wrote before it existed.
/// </summary>
public sealed partial class LiveChatCards(
    ILiveChats chats,
    ILeadAlerts alerts,
    IConversationRecords records,
    LiveChatRelay relay,
    CardLibrary cards,
    ConnectorDeliveryFactory connectors,
    IOptions<SalesOptions> sales,
    TimeProvider clock,
    ILogger<LiveChatCards> logger)
{
    /// <summary>The card's conversation in the channel: the thread it started.</summary>
    public static string ThreadOf(string channelId, string messageId) => $"{channelId};messageid={messageId}";

    /// <summary>Called by the alert sender once a lead's card is posted: if the lead is waiting or chatting, the thread joins the chat.</summary>
    public async Task OnPostedAsync(LeadAlert alert, AlertSubscription subscription, string messageId, CancellationToken cancellationToken)
    {
        if (await chats.GetAsync(alert.RecordId, cancellationToken) is not { Open: true }) return;
        var thread = new LiveChatThread(ThreadOf(subscription.Id, messageId), subscription.ServiceUrl, alert.Id, messageId, subscription.BotId, subscription.TenantId);
        await AddThreadAsync(alert.RecordId, thread, cancellationToken);
    }

    /// <summary>Adds the thread to the chat (and the index), then passes on what the prospect wrote while no thread existed.</summary>
    public async Task AddThreadAsync(string chatId, LiveChatThread thread, CancellationToken cancellationToken)
    {
        await chats.AddThreadAsync(thread.ConversationId, chatId, cancellationToken);
        IReadOnlyList<string> backlog = [];
        var saved = await chats.UpdateAsync(chatId, chat =>
        {
            backlog = chat.Backlog;
            return chat.Threads.Any(t => t.ConversationId == thread.ConversationId) && backlog.Count == 0
                ? null
                : chat with { Threads = [.. chat.Threads.Where(t => t.ConversationId != thread.ConversationId), thread], Backlog = [] };
        }, cancellationToken);
        foreach (var line in backlog) await relay.ToThreadAsync(thread, line, cancellationToken);
    }

    /// <summary>Redraws the card of every thread of the chat (best effort: the workspace has the same facts).</summary>
    public async Task RefreshAsync(LiveChat chat, CancellationToken cancellationToken)
    {
        if (await records.GetAsync(chat.Id, cancellationToken) is not { } record) return;
        foreach (var thread in chat.Threads)
        {
            var update = LeadAlertCard.ToActivity(record, thread.AlertId, LeadAlertSender.WorkspaceUrl(sales.Value, record.Id), cards, chat);
            update.Id = thread.MessageId;
            try
            {
                await connectors.ClientFor(new Uri(thread.ServiceUrl)).UpdateActivityAsync(thread.ConversationId, thread.MessageId, update, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or UntrustedServiceUrlException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogNotRefreshed(logger, exception);
            }
        }
    }

    /// <summary>
    /// Makes sure every active sales channel has the lead's card: a posted one joins the chat now and is redrawn; one
    /// still in the outbox (or none yet) is sent at once by the alert sender, which then adds its thread.
    /// </summary>
    public async Task PublishAsync(string chatId, LeadAlertQueue queue, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var subscription in await alerts.ActiveSubscriptionsAsync(cancellationToken))
        {
            var alertId = LeadAlert.IdFor(chatId, subscription.Id);
            var alert = await alerts.GetAlertAsync(alertId, cancellationToken);
            if (alert is { ActivityId: { } messageId })
            {
                await AddThreadAsync(chatId, new LiveChatThread(ThreadOf(subscription.Id, messageId), subscription.ServiceUrl, alertId, messageId, subscription.BotId, subscription.TenantId), cancellationToken);
            }
            else if (alert is { Pending: true })
            {
                await alerts.TryAdvanceAsync(alertId, now, cancellationToken);
            }
            else if (alert is null)
            {
                await alerts.EnqueueAsync(new LeadAlert(alertId, chatId, subscription.Id, now, now), cancellationToken);
            }
        }
        queue.Wake();
        if (await chats.GetAsync(chatId, cancellationToken) is { } chat) await RefreshAsync(chat, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A live chat's card could not be redrawn in Teams; the workspace shows where the chat stands")]
    private static partial void LogNotRefreshed(ILogger logger, Exception exception);
}
