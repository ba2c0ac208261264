namespace PartnerBot.Hosting;

/// <summary>The Azure Bot registration, under the configuration keys Bot Framework users already know.</summary>
public sealed class BotOptions
{
    public string? MicrosoftAppType { get; set; }
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>
    /// Outside Development, running without channel authentication must be asked for explicitly
    /// (<c>Bot:AllowUnauthenticated</c>), for a website-only deployment on the embedded Direct Line.
    /// </summary>
    [Microsoft.Extensions.Configuration.ConfigurationKeyName("Bot:AllowUnauthenticated")]
    public bool AllowUnauthenticated { get; set; }

    /// <summary>With no app id, channel authentication is off, as in the SDK (local runs, the Emulator).</summary>
    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, "SingleTenant", StringComparison.OrdinalIgnoreCase);

    public bool IsManagedIdentity => string.Equals(MicrosoftAppType, "UserAssignedMsi", StringComparison.OrdinalIgnoreCase);
}
