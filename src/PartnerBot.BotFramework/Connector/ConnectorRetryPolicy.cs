using System.Net;
using System.Net.Http.Headers;

namespace PartnerBot.BotFramework.Connector;

/// <summary>Exponential back-off with full jitter, bounded by <see cref="MaxDelay"/>; <c>Retry-After</c> wins when given.</summary>
public sealed record ConnectorRetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static ConnectorRetryPolicy Default { get; } = new(4, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(8));

    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 412 or 429 or 502 or 503 or 504;

    public TimeSpan DelayFor(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var requested = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (requested is { } delay && delay > TimeSpan.Zero) return delay < MaxDelay ? delay : MaxDelay;

        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
