namespace PartnerBot.Crm;

/// <summary>
/// Section <c>Crm:Dataverse</c>: the Dynamics 365 (Dataverse) environment that consenting leads are written to as
/// <c>lead</c> rows. Signed in as the bot's own identity (its secret or managed identity) unless ClientId names
/// another app registration, which then needs TenantId and ClientSecret.
/// </summary>
public sealed class DataverseOptions
{
    public const string Section = "Crm:Dataverse";

    /// <summary>How the workspace names the deliveries to Dataverse, beside the webhook endpoints.</summary>
    public const string EndpointName = "Dynamics 365";

    /// <summary>The environment, e.g. <c>https://contoso.crm4.dynamics.com</c>; nothing is written when empty.</summary>
    public string? Url { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The Web API's root, <c>…/api/data/v9.2/</c>.</summary>
    public Uri ApiRoot => new(new Uri(Url!.TrimEnd('/') + "/"), "api/data/v9.2/");

    /// <summary>The token's scope: the environment's own <c>.default</c>.</summary>
    public string Scope => new Uri(Url!).GetLeftPart(UriPartial.Authority) + "/.default";
}
