using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Connector;

/// <summary>Creates a <see cref="ConnectorClient"/> for the inbound activity's <c>serviceUrl</c>.</summary>
public sealed class ConnectorDeliveryFactory(IHttpClientFactory httpClients, IConnectorCredentials credentials, ConversationSendPacer? pacer = null, ConnectorRetryPolicy? retry = null)
    : IChannelDeliveryFactory
{
    public const string HttpClientName = "BotConnector";

    public IActivityDelivery Create(Activity inbound)
    {
        if (!Uri.TryCreate(inbound.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            throw new InvalidOperationException("The activity has no valid serviceUrl to reply to.");
        }
        // The pace is Teams' own limit; other channels are not slowed down.
        var paced = string.Equals(inbound.ChannelId, Channels.MsTeams, StringComparison.OrdinalIgnoreCase) ? pacer : null;
        return new ConnectorDelivery(new ConnectorClient(httpClients.CreateClient(HttpClientName), serviceUrl, credentials, retry), paced);
    }
}
