namespace PartnerBot.Sales.Workspace;

/// <summary>
/// Section <c>Sales</c>: who may open the sales workspace. With <see cref="TenantId"/> and <see cref="ClientId"/>
/// set, people sign in with Microsoft Entra ID (OpenID Connect for the pages, bearer tokens for the API) and must
/// hold the app role or be in one of the groups. Without them the workspace runs in local mode: loopback callers
/// only, for a partner trying PartnerBot on their own machine.
/// </summary>
public sealed class SalesOptions
{
    public const string Section = "Sales";

    public string? TenantId { get; set; }

    /// <summary>The workspace's app registration (its client id is also the API's audience).</summary>
    public string? ClientId { get; set; }

    /// <summary>The app registration's secret, for the sign-in code exchange; from the environment or Key Vault, never the repository.</summary>
    public string? ClientSecret { get; set; }

    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Overrides the OpenID Connect metadata address (sovereign clouds); normally derived from <see cref="Instance"/> and the tenant.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Members of any of these Entra groups may enter (the token's <c>groups</c> claim).</summary>
    public string[] AllowedGroupIds { get; set; } = [];

    /// <summary>Holders of this app role may enter (the token's <c>roles</c> claim).</summary>
    public string AppRole { get; set; } = "Sales.Review";

    /// <summary>The workspace's public address (for links in Teams alerts); the request's own address when empty.</summary>
    public string? PublicUrl { get; set; }

    public bool UsesEntra => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId);

    public string Authority => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";
}
