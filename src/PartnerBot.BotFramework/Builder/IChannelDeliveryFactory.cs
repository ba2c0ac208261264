using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>Chooses how replies reach the channel an activity came from.</summary>
public interface IChannelDeliveryFactory
{
    IActivityDelivery Create(Activity inbound);
}
