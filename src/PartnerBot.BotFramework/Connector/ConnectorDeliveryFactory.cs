using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Connector;

/// <summary>Creates a <see cref="ConnectorClient"/> for the inbound activity's <c>serviceUrl</c>, or for a stored one (proactive messages).</summary>
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
        return new ConnectorDelivery(ClientFor(serviceUrl), paced);
    }

    /// <summary>A client for <paramref name="serviceUrl"/> with the bot's credentials; <paramref name="retryPolicy"/> replaces the factory's own.</summary>
    public ConnectorClient ClientFor(Uri serviceUrl, ConnectorRetryPolicy? retryPolicy = null) =>
        new(httpClients.CreateClient(HttpClientName), serviceUrl, credentials, retryPolicy ?? retry);
}
