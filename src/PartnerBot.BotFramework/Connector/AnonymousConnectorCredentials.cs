namespace PartnerBot.BotFramework.Connector;

/// <summary>No credentials: used when <c>MicrosoftAppId</c> is empty, as the Emulator and local runs expect.</summary>
public sealed class AnonymousConnectorCredentials : IConnectorCredentials
{
    public Task<string?> GetTokenAsync(Uri serviceUrl, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
