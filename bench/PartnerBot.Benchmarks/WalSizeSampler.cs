namespace PartnerBot.Benchmarks;

/// <summary>Samples the size of the SQLite write-ahead log while the load runs, to show it stays bounded.</summary>
internal sealed class WalSizeSampler : IAsyncDisposable
{
    private readonly FileInfo _wal;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _largest;

    public WalSizeSampler(string databasePath)
    {
        _wal = new FileInfo(databasePath + "-wal");
        _loop = SampleAsync();
    }

    public long Largest => Interlocked.Read(ref _largest);

    public long Current
    {
        get
        {
            _wal.Refresh();
            return _wal.Exists ? _wal.Length : 0;
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var size = Current;
                if (size > Interlocked.Read(ref _largest)) Interlocked.Exchange(ref _largest, size);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
