using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Notices, within seconds, that the database file the store opened is no longer the one at its path: deleted (its
/// connections would go on writing into a file nobody can open again, and the next start would find nothing), or
/// replaced by another file (a restore copied over it, another app's database). Where the OS says which file a path
/// names (<see cref="SqliteFileIdentity"/>), the watch compares that with the file opened at the start; it costs a
/// system call, so every new connection and every commit is checked as well: a connection opened on the file put in
/// place would read it through the old file's write-ahead log, and a checkpoint there would copy this database's
/// pages into the other one. Elsewhere each database's own id in <c>meta</c> is compared instead, read afresh
/// (read-only, unpooled) at each tick. Once the file is lost, every read and write is refused as storage unavailable and
/// readiness fails until the process restarts, even if a copy is put back: the open connections still point at the
/// file that was removed, and whatever they wrote since would never reach the copy. The restart then runs the
/// start-up checks on what is at the path (a missing database is refused there too).
/// </summary>
internal sealed partial class SqliteFileWatch : IAsyncDisposable
{
    public const string StoreIdKey = "store_id";

    private readonly string _path;
    private readonly string _storeId;
    private readonly SqliteFileIdentity? _identity;
    private readonly string _probeConnection;
    private readonly SqliteAvailability[] _availabilities;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private string? _problem;

    public SqliteFileWatch(string path, string storeId, SqliteAvailability[] availabilities, ILogger logger, TimeSpan interval)
    {
        _path = path;
        _storeId = storeId;
        _identity = SqliteFileIdentity.Of(path);
        if (_identity == SqliteFileIdentity.Missing) _identity = null;
        _availabilities = availabilities;
        _logger = logger;
        _probeConnection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 1 }.ToString();
        _loop = RunAsync(interval);
    }

    /// <summary>Looks now; returns why the file is lost, or null when the store's own file is at its path.</summary>
    public Exception? Check()
    {
        lock (_gate)
        {
            if (_problem is not null) return new IOException(_problem);
        }
        if (Inspect() is not { } problem) return null;
        lock (_gate)
        {
            if (_problem is null)
            {
                _problem = problem;
                foreach (var availability in _availabilities) availability.Lost(new IOException(problem));
                LogLost(_logger, _path, problem);
            }
        }
        return new IOException(problem);
    }

    /// <summary>
    /// After opening a connection and before each commit: why the file is lost, or null. Looks at the file itself
    /// where that is cheap; otherwise only says what the last look found.
    /// </summary>
    public Exception? Confirm()
    {
        if (_identity is not null) return Check();
        lock (_gate) return _problem is null ? null : new IOException(_problem);
    }

    private string? Inspect()
    {
        if (_identity is { } opened && SqliteFileIdentity.Of(_path) is { } now)
        {
            if (now == SqliteFileIdentity.Missing) return "the database file was deleted while PartnerBot was running";
            return now == opened ? null : "another file was put in the place of the database file while PartnerBot was running";
        }
        if (!File.Exists(_path)) return "the database file was deleted while PartnerBot was running";
        try
        {
            using var connection = new SqliteConnection(_probeConnection);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = $key";
            command.Parameters.AddWithValue("$key", StoreIdKey);
            return command.ExecuteScalar() as string == _storeId ? null : "another database was put in the place of the database file while PartnerBot was running";
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 1 or 26)
        {
            // No meta table, or not a database at all.
            return "another file was put in the place of the database file while PartnerBot was running";
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 14)
        {
            return "the database file was deleted while PartnerBot was running";
        }
        catch (SqliteException)
        {
            // Busy, damaged, an I/O error: not a question of which file this is; the other checks report those.
            return null;
        }
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Check();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The store is disposed once per service it is registered as: only the first stops the loop.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private int _disposed;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Storage lost: {Problem} ({Path}). Nothing more is stored by this process: turns are answered as storage unavailable and readiness fails. Restore the database from a backup, then restart the app.")]
    private static partial void LogLost(ILogger logger, string path, string problem);
}
