using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Alerts;

/// <summary>
/// The alert cards already posted for a lead. When the lead is erased, each is replaced by a card that names no one
/// (best effort: a channel that is gone or a Connector that is down is logged, and the erasure goes on).
/// </summary>
public sealed partial class LeadAlertCards(
    ILeadAlerts alerts, CardLibrary cards, ConnectorDeliveryFactory connectors, ILogger<LeadAlertCards> logger)
{
    public const string ErasedText = "This lead was erased at the prospect's request.";

    public async Task ForgetAsync(string recordId, CancellationToken cancellationToken)
    {
        foreach (var subscription in await alerts.ActiveSubscriptionsAsync(cancellationToken))
        {
            var alert = await alerts.GetAlertAsync(LeadAlert.IdFor(recordId, subscription.Id), cancellationToken);
            if (alert?.ActivityId is not { } messageId) continue;
            var update = Activity.CreateMessage(null);
            update.Id = messageId;
            update.Summary = ErasedText;
            update.Attachments = [cards.RenderAttachment(AdvisorNotice, new { text = ErasedText })];
            try
            {
                await connectors.ClientFor(new Uri(subscription.ServiceUrl)).UpdateActivityAsync(subscription.Id, messageId, update, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or UntrustedServiceUrlException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogNotReplaced(logger, exception);
            }
        }
    }

    /// <summary>The one-line card the bot already has for notices.</summary>
    private const string AdvisorNotice = "notice";

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert card of an erased lead could not be replaced in Teams; remove it there by hand")]
    private static partial void LogNotReplaced(ILogger logger, Exception exception);
}
