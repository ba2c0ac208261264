using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>Where a turn's outbound activities go: the channel's Connector, or the HTTP response body.</summary>
public interface IActivityDelivery
{
    Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken);
}
