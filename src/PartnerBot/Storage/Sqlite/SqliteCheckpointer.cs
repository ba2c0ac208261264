using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Moves the WAL back into the database file from a background connection. SQLite's automatic checkpoint
/// would run inside a commit of the single writer (and fsync there), stalling every turn queued behind it;
/// a PASSIVE checkpoint here never blocks writers or readers.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SqliteCheckpointer(string connectionString, TimeSpan interval)
    {
        _connectionString = connectionString;
        _loop = RunAsync(interval);
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Checkpoint("PASSIVE");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Checkpoint(string mode)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            command.ExecuteNonQuery();
        }
        catch (SqliteException exception) when (SqliteWriteQueue.IsTransient(exception))
        {
            // Busy now; the next tick tries again. The WAL only grows meanwhile, nothing is lost.
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
