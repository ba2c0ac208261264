namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Orders transcript rows: the time in ticks, made strictly increasing within this process (a frozen test clock
/// or two appends in one tick still get distinct, ordered values). Rows also carry <see cref="Instance"/>, so two
/// instances writing one conversation in the same tick never collide.
/// </summary>
public sealed class TableSequence(TimeProvider clock)
{
    private long _last;

    public string Instance { get; } = Guid.NewGuid().ToString("N")[..8];

    public long Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(last + 1, clock.GetUtcNow().UtcTicks);
            if (Interlocked.CompareExchange(ref _last, next, last) == last) return next;
        }
    }
}
