namespace PartnerBot.BotFramework.Connector;

/// <summary>Supplies the bearer token for outbound Connector calls; <c>null</c> when auth is off (local development).</summary>
public interface IConnectorCredentials
{
    Task<string?> GetTokenAsync(Uri serviceUrl, CancellationToken cancellationToken);
}
