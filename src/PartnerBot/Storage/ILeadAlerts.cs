namespace PartnerBot.Storage;

/// <summary>
/// Lead alerts for Teams channels: the channels that asked for them, and an outbox of alerts (one per lead and
/// channel) that a background sender delivers, in the same store as the leads. An alert's id is derived from the
/// lead and the channel, so enqueueing it again changes nothing.
/// </summary>
public interface ILeadAlerts
{
    /// <summary>Creates or reactivates the subscription of a channel.</summary>
    Task SubscribeAsync(AlertSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Marks the subscription inactive (asked to stop, or the channel is gone); false when there is none active.</summary>
    Task<bool> DeactivateAsync(string subscriptionId, string reason, CancellationToken cancellationToken);

    Task<AlertSubscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertSubscription>> ActiveSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Adds the alert unless it exists; returns false when it was already there.</summary>
    Task<bool> EnqueueAsync(LeadAlert alert, CancellationToken cancellationToken);

    Task<LeadAlert?> GetAlertAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Alerts neither sent nor given up whose time has come, oldest first.</summary>
    Task<IReadOnlyList<LeadAlert>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the alert for one delivery attempt: moves its due time to <paramref name="leaseUntil"/> and counts the
    /// attempt, unless someone else (another instance's sender) took or finished it since it was read. Returns the
    /// alert as taken, or null. A sender that dies mid-attempt leaves the alert to be tried again after the lease.
    /// </summary>
    Task<LeadAlert?> TryTakeAsync(LeadAlert alert, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Makes a waiting alert due at <paramref name="dueAt"/>, unless a sender has taken it already (or it is done).</summary>
    Task<bool> TryAdvanceAsync(string alertId, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a delivery attempt: sent (with the posted activity's id), retry later, or given up.</summary>
    Task UpdateAsync(LeadAlert alert, CancellationToken cancellationToken);
}

/// <summary>A Teams channel that receives lead alerts. <see cref="Id"/> is the channel's id (the conversation alerts are posted to).</summary>
public sealed record AlertSubscription(
    string Id,
    string ServiceUrl,
    string? TenantId,
    string? TeamId,
    string? BotId,
    string SubscribedBy,
    DateTimeOffset SubscribedAt,
    bool Active = true,
    string? InactiveReason = null);

/// <summary>One alert of one lead to one channel, and where its delivery stands.</summary>
public sealed record LeadAlert(
    string Id,
    string RecordId,
    string SubscriptionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    int Attempts = 0,
    DateTimeOffset? SentAt = null,
    string? ActivityId = null,
    bool GivenUp = false,
    string? LastError = null)
{
    public bool Pending => SentAt is null && !GivenUp;

    /// <summary>The alert of <paramref name="recordId"/> for <paramref name="subscriptionId"/>: the same pair always gives the same id.</summary>
    public static string IdFor(string recordId, string subscriptionId) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(recordId + "\n" + subscriptionId)))[..32].ToLowerInvariant();
}
