namespace PartnerBot.Storage;

/// <summary>
/// Webhook deliveries waiting to go out, in the same store as the leads they describe: one row per event and endpoint,
/// whose id is the <c>webhook-id</c> every attempt carries, so a receiver can tell a retry from a new event.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>Adds the deliveries that are not there yet (an event enqueued again, by a retried turn, changes nothing).</summary>
    Task EnqueueAsync(IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>Deliveries neither delivered nor given up whose time has come, oldest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the delivery for one attempt (its due time moves to <paramref name="leaseUntil"/>, the attempt is counted)
    /// unless another sender took or finished it since it was read; null then.
    /// </summary>
    Task<WebhookDelivery?> TryTakeAsync(WebhookDelivery delivery, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Records how an attempt went: delivered, retry at <see cref="WebhookDelivery.DueAt"/>, or given up.</summary>
    Task UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a delivered or given-up delivery due at <paramref name="now"/> again, with its id (a receiver that has it
    /// sees the same <c>webhook-id</c>); false when there is none or it is still on its way.
    /// </summary>
    Task<bool> ResendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>One delivery by its id, or null.</summary>
    Task<WebhookDelivery?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The newest deliveries to one endpoint, for the workspace.</summary>
    Task<IReadOnlyList<WebhookDelivery>> RecentAsync(string endpoint, int limit, CancellationToken cancellationToken);

    /// <summary>Every endpoint whose state was ever recorded (one that never failed may have none).</summary>
    Task<IReadOnlyList<WebhookEndpointState>> EndpointStatesAsync(CancellationToken cancellationToken);

    Task SaveEndpointStateAsync(WebhookEndpointState state, CancellationToken cancellationToken);

    /// <summary>Makes every pending delivery to the endpoint due at <paramref name="now"/> (it was enabled again); returns how many.</summary>
    Task<int> ResumeAsync(string endpoint, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <param name="Id">The <c>webhook-id</c>: the same on every attempt.</param>
/// <param name="Endpoint">The configured endpoint's name.</param>
/// <param name="Payload">The JSON body, exactly as signed.</param>
public sealed record WebhookDelivery(
    string Id,
    string Endpoint,
    string EventType,
    string? RecordId,
    string Payload,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    int Attempts = 0,
    DateTimeOffset? DeliveredAt = null,
    bool GivenUp = false,
    int? LastStatus = null,
    string? LastError = null)
{
    public bool Pending => DeliveredAt is null && !GivenUp;
}
