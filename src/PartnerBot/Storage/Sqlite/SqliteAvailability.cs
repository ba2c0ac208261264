using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Remembers that the database just failed (locked by another process, read-only, damaged) so that the requests
/// behind the failed one are refused at once for a short while instead of each waiting through the busy timeout
/// and its retries. After <see cref="RetryAfter"/> the next operation tries the database again; a successful
/// health probe ends the pause at once.
/// </summary>
internal sealed class SqliteAvailability(TimeProvider clock)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private long _failedAt;
    private Exception? _failure;
    private Exception? _lost;

    /// <summary>The failure while the pause lasts, or the loss of the file; otherwise null.</summary>
    public Exception? CurrentFailure
    {
        get
        {
            lock (_gate)
            {
                if (_lost is not null) return _lost;
                if (_failure is null) return null;
                if (clock.GetElapsedTime(_failedAt) < RetryAfter) return _failure;
                _failure = null;
                return null;
            }
        }
    }

    public void ThrowIfUnavailable(string operation)
    {
        if (CurrentFailure is { } failure) throw new StorageUnavailableException(operation, failure, RetryAfter);
    }

    public void Failed(Exception exception)
    {
        lock (_gate)
        {
            _failure = exception;
            _failedAt = clock.GetTimestamp();
            if (exception is SqliteException { SqliteErrorCode: 11 or 26 }) Damaged = true;
        }
    }

    /// <summary>
    /// Corruption was seen (by any operation) and no full check has passed since: it does not heal by itself, so
    /// readiness keeps failing until a structure check of the whole file says otherwise.
    /// </summary>
    public bool Damaged { get; set; }

    /// <summary>The database file is gone or another file is in its place: nothing is read or written again by this process.</summary>
    public void Lost(Exception reason)
    {
        lock (_gate) _lost = reason;
    }

    public void Recovered()
    {
        lock (_gate) _failure = null;
    }

    /// <summary>Busy and locked (another process), I/O and "cannot open" errors may pass; they are retried.</summary>
    public static bool IsTransient(SqliteException exception) => exception.SqliteErrorCode is 5 or 6 or 10 or 14;

    /// <summary>
    /// The storage itself is unusable (read-only, damaged, full, not a database): retrying at once does not help,
    /// but nothing is wrong with the request either, so it is an outage, not a bug.
    /// </summary>
    public static bool IsFault(SqliteException exception) => exception.SqliteErrorCode is 8 or 11 or 13 or 26;
}
