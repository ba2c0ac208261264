using Azure.Core;
using Azure.Identity;

namespace PartnerBot.BotFramework.Connector;

/// <summary>The Connector token from a user-assigned managed identity (MicrosoftAppType UserAssignedMsi).</summary>
public sealed class ManagedIdentityConnectorCredentials(string clientId, TrustedServiceUrls trusted) : IConnectorCredentials
{
    private readonly ManagedIdentityCredential _credential = new(ManagedIdentityId.FromUserAssignedClientId(clientId));

    public async Task<string?> GetTokenAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        if (!trusted.IsTrusted(serviceUrl)) throw new UntrustedServiceUrlException(serviceUrl);
        var token = await _credential.GetTokenAsync(new TokenRequestContext([MsalConnectorCredentials.Scope]), cancellationToken);
        return token.Token;
    }
}
