namespace PartnerBot.Hosting;

/// <summary>
/// Lets turns in, and on shutdown (SIGTERM: a deploy, a scale-in, a restart) lets the turns in flight finish. Once
/// closed, new activities are refused (the endpoints answer 503 with Retry-After, so the channel sends them again to
/// an instance that runs) while the turns in flight run to their end, until the drain time passes. Only then are
/// they cancelled through <see cref="HardStop"/>; a cancelled turn records no result, so the channel's retry runs it.
/// </summary>
public sealed class TurnGate : IDisposable
{
    private readonly CancellationTokenSource _hardStop = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _closed;

    /// <summary>Cancelled only when the drain time has passed with turns still running.</summary>
    public CancellationToken HardStop => _hardStop.Token;

    public bool Closed => _closed;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>A lease for one turn, or null once the gate is closed.</summary>
    public IDisposable? TryEnter()
    {
        Interlocked.Increment(ref _inFlight);
        if (!_closed) return new Lease(this);
        Leave();
        return null;
    }

    public void Close()
    {
        _closed = true;
        if (Volatile.Read(ref _inFlight) == 0) _idle.TrySetResult();
    }

    /// <summary>Closes the gate and waits for the turns in flight; true when all ended in time, false when they were cancelled.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Close();
        var ended = await Task.WhenAny(_idle.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false) == _idle.Task;
        if (!ended) await _hardStop.CancelAsync().ConfigureAwait(false);
        return ended;
    }

    private void Leave()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _closed) _idle.TrySetResult();
    }

    public void Dispose() => _hardStop.Dispose();

    private sealed class Lease(TurnGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gate.Leave();
        }
    }
}
