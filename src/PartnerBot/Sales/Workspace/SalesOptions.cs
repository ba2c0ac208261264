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

    /// <summary>Teams teams (their id, or the id of the Microsoft 365 group behind them) whose members may turn lead alerts on in a channel.</summary>
    public string[] AlertTeamIds { get; set; } = [];

    /// <summary>Channels that receive lead alerts without anyone asking in them (automated deployments).</summary>
    public AlertChannel[] AlertChannels { get; set; } = [];

    /// <summary>How often the alert sender looks for alerts that are due (it is also woken when a lead is ready).</summary>
    public int AlertPollSeconds { get; set; } = 15;

    /// <summary>How long a lead who finished waits before its alert goes out, in case they ask for an expert (then it goes at once).</summary>
    public int AlertDelaySeconds { get; set; } = 120;

    /// <summary>The first wait after a failed delivery (then doubling, at most 15 minutes); a 429's Retry-After wins.</summary>
    public int AlertRetrySeconds { get; set; } = 5;

    /// <summary>An alert that could not be delivered for this long is given up (and logged).</summary>
    public int AlertGiveUpHours { get; set; } = 48;

    public bool UsesEntra => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId);

    public string Authority => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";
}

/// <summary>A Teams channel named in configuration: its id (<c>19:…@thread.tacv2</c>), the service URL of its region, its tenant and team.</summary>
public sealed class AlertChannel
{
    public string ChannelId { get; set; } = "";

    public string ServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    public string? TenantId { get; set; }

    public string? TeamId { get; set; }
}
