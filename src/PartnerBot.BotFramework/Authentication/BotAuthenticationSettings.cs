namespace PartnerBot.BotFramework.Authentication;

/// <summary>The bot's Azure registration and where the token-signing keys are published.</summary>
public sealed record BotAuthenticationSettings
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string DefaultChannelMetadata = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultEntraMetadata = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>The tenants that issue Emulator tokens (Bot Framework's own Entra tenants).</summary>
    public static readonly IReadOnlyList<string> EmulatorTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    public required string AppId { get; init; }

    /// <summary>Set for SingleTenant registrations: its Entra tokens are accepted too.</summary>
    public string? TenantId { get; init; }

    public string ChannelMetadataUrl { get; init; } = DefaultChannelMetadata;

    public string EntraMetadataUrl { get; init; } = DefaultEntraMetadata;

    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> EntraIssuers =>
        EmulatorTenants.Concat(string.IsNullOrWhiteSpace(TenantId) ? [] : [TenantId])
            .SelectMany(tenant => new[] { $"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0" })
            .ToList();
}
