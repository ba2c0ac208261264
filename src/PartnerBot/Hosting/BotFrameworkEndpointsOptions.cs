using PartnerBot.BotFramework.Authentication;

namespace PartnerBot.Hosting;

/// <summary>
/// Section <c>BotFramework</c>: where keys and tokens come from (overridable, e.g. for sovereign clouds or tests)
/// and which service URL hosts may receive the bot's token without having been seen in a validated request.
/// </summary>
public sealed class BotFrameworkEndpointsOptions
{
    public const string Section = "BotFramework";

    public string ChannelOpenIdMetadataUrl { get; set; } = BotAuthenticationSettings.DefaultChannelMetadata;

    public string EntraOpenIdMetadataUrl { get; set; } = BotAuthenticationSettings.DefaultEntraMetadata;

    /// <summary>Entra ID's login host; the authority is this plus "botframework.com" or the tenant.</summary>
    public string EntraAuthorityHost { get; set; } = "https://login.microsoftonline.com";

    public string[] TrustedServiceUrlHosts { get; set; } = ["smba.trafficmanager.net", "*.botframework.com"];
}
