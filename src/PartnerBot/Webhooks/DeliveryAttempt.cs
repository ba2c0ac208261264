namespace PartnerBot.Webhooks;

/// <summary>How one attempt at a delivery went, whoever made it (a webhook POST, a write to Dataverse).</summary>
/// <param name="Status">The receiver's last HTTP status, if it answered.</param>
/// <param name="RetryAfter">How long the receiver asked to wait before the next attempt.</param>
/// <param name="GiveUp">Retrying cannot help: the delivery is given up at once, with <paramref name="Error"/> as the reason.</param>
public sealed record DeliveryAttempt(bool Delivered, int? Status, string? Error, TimeSpan? RetryAfter = null, bool GiveUp = false)
{
    public static DeliveryAttempt Done(int? status) => new(true, status, null);

    public static DeliveryAttempt Failed(int? status, string? error, TimeSpan? retryAfter = null) => new(false, status, error, retryAfter);

    public static DeliveryAttempt Pointless(string reason, int? status = null) => new(false, status, reason, GiveUp: true);

    /// <summary>The receiver's <c>Retry-After</c>, as seconds or as a date, from <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter is { } after ? after.Delta ?? (after.Date is { } date ? date - now : null) : null;
}
