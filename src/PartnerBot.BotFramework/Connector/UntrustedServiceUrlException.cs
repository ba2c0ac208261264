namespace PartnerBot.BotFramework.Connector;

/// <summary>The bot was asked to authenticate to a service URL that no validated channel vouched for.</summary>
public sealed class UntrustedServiceUrlException(Uri serviceUrl)
    : InvalidOperationException($"Refusing to send the bot's token to untrusted service URL host '{serviceUrl.Host}'.");
