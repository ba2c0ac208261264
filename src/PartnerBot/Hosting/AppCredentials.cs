using Azure.Core;
using Azure.Identity;

namespace PartnerBot.Hosting;

/// <summary>
/// How PartnerBot signs in to Microsoft's APIs (Graph, Dataverse) as an application: the app registration a feature
/// names (tenant, client id and secret), or else the bot's own identity, its secret or its user-assigned managed identity.
/// </summary>
internal static class AppCredentials
{
    /// <summary>Null when neither is complete; the caller's startup check says what is missing.</summary>
    public static TokenCredential? For(string? tenantId, string? clientId, string? clientSecret, BotOptions bot)
    {
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            return string.IsNullOrWhiteSpace(tenantId) || string.IsNullOrWhiteSpace(clientSecret)
                ? null
                : new ClientSecretCredential(tenantId, clientId, clientSecret);
        }
        if (string.IsNullOrWhiteSpace(bot.MicrosoftAppId)) return null;
        if (bot.IsManagedIdentity) return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(bot.MicrosoftAppId));
        var tenant = string.IsNullOrWhiteSpace(tenantId) ? bot.MicrosoftAppTenantId : tenantId;
        return string.IsNullOrWhiteSpace(tenant) || string.IsNullOrWhiteSpace(bot.MicrosoftAppPassword)
            ? null
            : new ClientSecretCredential(tenant, bot.MicrosoftAppId, bot.MicrosoftAppPassword);
    }

    /// <summary>For a feature that is not configured: never asked for a token, and says why if it were.</summary>
    public static TokenCredential Unavailable(string reason) => new UnavailableCredential(reason);

    private sealed class UnavailableCredential(string reason) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new CredentialUnavailableException(reason);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new CredentialUnavailableException(reason);
    }
}
