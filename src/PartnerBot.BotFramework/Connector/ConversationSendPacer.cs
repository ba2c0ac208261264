using System.Threading.RateLimiting;

namespace PartnerBot.BotFramework.Connector;

/// <summary>
/// Keeps sends to one Teams conversation within Teams' limit (about 7 per second per conversation): a token
/// bucket per conversation, so normal replies go out at once and only a burst beyond the limit waits, here,
/// instead of being refused with 429 there.
/// </summary>
public sealed class ConversationSendPacer(int sendsPerSecond) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(conversation =>
        RateLimitPartition.GetTokenBucketLimiter(conversation, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = sendsPerSecond,
            TokensPerPeriod = sendsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 1000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));

    public static ConversationSendPacer ForTeams() => new(7);

    public async Task WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(conversationId, 1, cancellationToken);
        if (!lease.IsAcquired) throw new InvalidOperationException($"Too many messages queued for one conversation.");
    }

    public void Dispose() => _limiter.Dispose();
}
