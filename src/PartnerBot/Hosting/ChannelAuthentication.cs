using PartnerBot.BotFramework.Authentication;

namespace PartnerBot.Hosting;

/// <summary>The channel token validator when authentication is on (a MicrosoftAppId is configured), otherwise none.</summary>
public sealed record ChannelAuthentication(ChannelTokenValidator? Validator);
