using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Moves the WAL back into the database file from a background connection, and keeps the WAL file bounded.
/// SQLite's automatic checkpoint would run inside a commit of the single writer (and fsync there), stalling every
/// turn queued behind it; a PASSIVE checkpoint here never blocks writers or readers. But a PASSIVE checkpoint
/// cannot start the log over while readers are using it, and under steady load some reader always is, so the
/// file would grow without end. So when the file passes its limit, a RESTART checkpoint waits briefly for the
/// readers and the writer and finishes the copy, so the log starts over (and is cut back to the limit); and
/// when writes have paused, a TRUNCATE checkpoint empties the file.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>How long a RESTART or TRUNCATE checkpoint may hold up the writer while it waits for readers.</summary>
    private const int TruncateBusyMilliseconds = 1000;

    private readonly string _connectionString;
    private readonly string _walPath;
    private readonly long _walLimitBytes;
    private readonly Func<Exception?> _confirmFile;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _lastLogFrames = -1;

    /// <param name="confirmFile">Says why the database file is lost (deleted, replaced), or null while it is the one opened.</param>
    public SqliteCheckpointer(string connectionString, string databasePath, long walLimitBytes, TimeSpan interval, Func<Exception?> confirmFile)
    {
        _confirmFile = confirmFile;
        _connectionString = connectionString;
        _walPath = databasePath + "-wal";
        _walLimitBytes = walLimitBytes;
        _loop = RunAsync(interval);
    }

    /// <summary>
    /// Ticks every <paramref name="interval"/>, twice as often while the WAL is past half its limit (under load), and at
    /// once when the file has grown by half its limit since the last tick: a burst of writes after a quiet moment would
    /// otherwise fill the log for a whole slow interval (at 2,000 turns/s, past twice the limit) before the next look.
    /// Between ticks only the file's size is read, ten times a second.
    /// </summary>
    private async Task RunAsync(TimeSpan interval)
    {
        try
        {
            var lastTick = Stopwatch.GetTimestamp();
            var sizeAtTick = WalLength();
            while (true)
            {
                await Task.Delay(SizeCheckEvery, _stop.Token);
                var due = sizeAtTick > _walLimitBytes / 2 ? interval / 2 : interval;
                if (WalLength() - sizeAtTick <= _walLimitBytes / 2 && Stopwatch.GetElapsedTime(lastTick) < due) continue;
                Tick();
                lastTick = Stopwatch.GetTimestamp();
                sizeAtTick = WalLength();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static readonly TimeSpan SizeCheckEvery = TimeSpan.FromMilliseconds(100);

    private void Tick()
    {
        if (Checkpoint("PASSIVE") is not { } passive) return;
        var walBytes = WalLength();
        // Nothing written since the last tick and everything already copied: a quiet moment to give the space back.
        var quiet = walBytes > 0 && passive.LogFrames == _lastLogFrames && passive.CheckpointedFrames == passive.LogFrames;
        _lastLogFrames = passive.LogFrames;
        if (quiet)
        {
            if (Checkpoint("TRUNCATE") is { Busy: false }) _lastLogFrames = 0;
        }
        else if (walBytes > _walLimitBytes)
        {
            // Under load: make the next commit start the log over; the file keeps its space for the writes that
            // follow (cutting it back only to grow it again made the peak larger). A RESTART holds the writer while
            // it waits for readers, and SQLite's busy handler waits in sleeps of up to 100 ms; so it is tried without
            // waiting, a few milliseconds apart, until it lands between two reads (10 to 30 ms each when measured).
            for (var attempt = 0; attempt < RestartAttempts; attempt++)
            {
                if (Checkpoint("RESTART", busyMilliseconds: 0) is { Busy: false }) return;
                Thread.Sleep(RestartPauseMilliseconds);
            }
        }
    }

    private const int RestartAttempts = 50;
    private const int RestartPauseMilliseconds = 2;

    /// <summary>
    /// Copies the WAL into the database and empties it now, so that what was just deleted is gone from the log too
    /// (erasure). Readers holding an old snapshot make it wait; false when it could not finish.
    /// </summary>
    public async Task<bool> TruncateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            if (Checkpoint("TRUNCATE") is { Busy: false }) return true;
            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
        }
        return false;
    }

    private long WalLength()
    {
        try
        {
            var wal = new FileInfo(_walPath);
            return wal.Exists ? wal.Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private (bool Busy, long LogFrames, long CheckpointedFrames)? Checkpoint(string mode, int busyMilliseconds = TruncateBusyMilliseconds)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            // A connection opened on a file moved into the database's place would copy this database's log into it.
            if (_confirmFile() is not null) return null;
            using (var wait = connection.CreateCommand())
            {
                wait.CommandText = $"PRAGMA busy_timeout = {busyMilliseconds};";
                wait.ExecuteNonQuery();
            }
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2)) : null;
        }
        catch (SqliteException exception) when (SqliteAvailability.IsTransient(exception) || SqliteAvailability.IsFault(exception))
        {
            // Busy or unavailable now; the next tick tries again. The WAL only grows meanwhile, nothing is lost.
            return null;
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _loop;
        Checkpoint("TRUNCATE");
        _stop.Dispose();
    }
}
