using Microsoft.Identity.Client;

namespace PartnerBot.BotFramework.Connector;

/// <summary>
/// The bot's Connector token: client credentials from Entra ID through MSAL (authority botframework.com for
/// multi-tenant bots, the tenant for single-tenant ones), scope api.botframework.com. MSAL caches the token
/// until shortly before it expires. Only trusted service URLs get it.
/// </summary>
public sealed class MsalConnectorCredentials : IConnectorCredentials
{
    public const string Scope = "https://api.botframework.com/.default";

    private readonly IConfidentialClientApplication _application;
    private readonly TrustedServiceUrls _trusted;

    public MsalConnectorCredentials(string appId, string secret, string authority, TrustedServiceUrls trusted, IMsalHttpClientFactory? httpClientFactory = null)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(appId)
            .WithClientSecret(secret)
            .WithAuthority(authority, validateAuthority: false)
            .WithInstanceDiscovery(false);
        if (httpClientFactory is not null) builder = builder.WithHttpClientFactory(httpClientFactory);
        _application = builder.Build();
        _trusted = trusted;
    }

    public async Task<string?> GetTokenAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        if (!_trusted.IsTrusted(serviceUrl)) throw new UntrustedServiceUrlException(serviceUrl);
        var result = await _application.AcquireTokenForClient([Scope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
