using System.Collections.Concurrent;

namespace PartnerBot.BotFramework.Connector;

/// <summary>
/// Keeps sends to one conversation under Teams' limit (about 7 per second per conversation) by spacing them,
/// so a burst of replies is slowed down here rather than refused with 429 there.
/// </summary>
public sealed class ConversationSendPacer(TimeSpan minimumSpacing, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public static ConversationSendPacer ForTeams(TimeProvider clock) => new(TimeSpan.FromMilliseconds(150), clock);

    public async Task WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(conversationId, _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            var wait = slot.Next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
            slot.Next = clock.GetUtcNow() + minimumSpacing;
        }
        finally
        {
            slot.Gate.Release();
        }
        if (_slots.Count > 10_000) Prune();
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, slot) in _slots)
        {
            if (slot.Next < now - TimeSpan.FromMinutes(1)) _slots.TryRemove(key, out _);
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public DateTimeOffset Next { get; set; }
    }
}
