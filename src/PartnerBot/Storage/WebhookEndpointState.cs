namespace PartnerBot.Storage;

/// <summary>
/// How an endpoint (a webhook receiver, Dynamics 365) has been doing: failing since its first failure after its last
/// success; disabled once it kept failing for <c>Webhooks:DisableAfterHours</c>, until sales enable it again.
/// </summary>
public sealed record WebhookEndpointState(string Endpoint, DateTimeOffset? FailingSince = null, DateTimeOffset? DisabledAt = null)
{
    public bool Disabled => DisabledAt is not null;
}
