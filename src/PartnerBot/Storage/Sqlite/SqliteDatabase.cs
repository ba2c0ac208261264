using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Hosting;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// The embedded store's one database file (WAL), shared by a small store per interface: the single writer that
/// group-commits every write (<see cref="SqliteWriteQueue"/>), the pooled read connections that never wait for it,
/// the availability that turns a locked, full or damaged file into <see cref="StorageUnavailableException"/>, the
/// checkpointer that keeps the WAL within its limit, and the watch that notices the file deleted or replaced.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const int MaxReadAttempts = 4;

    /// <summary>The WAL is emptied when it grows past this (and whenever writes pause).</summary>
    public const long DefaultWalLimitBytes = 64L * 1024 * 1024;

    /// <summary>How often the file at the path is compared with the one opened (see <see cref="SqliteFileWatch"/>).</summary>
    public static readonly TimeSpan DefaultWatchInterval = TimeSpan.FromSeconds(2);

    /// <summary>How often at most a damaged database is checked in full by the health probe (it reads every page).</summary>
    private static readonly TimeSpan FullCheckEvery = TimeSpan.FromSeconds(30);

    // Kept apart: another process holding the write lock stops writes, while reads (WAL) go on working.
    private readonly SqliteAvailability _writeAvailability;
    private readonly SqliteAvailability _readAvailability;
    private readonly SqliteFileWatch _watch;
    private readonly string _connectionString;
    private readonly string _probeConnectionString;
    private long _lastFullCheck;

    /// <summary>Opens (or creates) the database and checks it is usable; a <see cref="StartupCheckException"/> says why not.</summary>
    /// <param name="walLimitBytes">The size past which the WAL is checkpointed and truncated.</param>
    /// <param name="allowNewDatabase">Start empty even where a database existed before and is now missing.</param>
    /// <param name="logger">Where the loss of the database file is reported.</param>
    public SqliteDatabase(string path, TimeProvider? clock = null, long walLimitBytes = DefaultWalLimitBytes, bool allowNewDatabase = false,
        ILogger<SqliteDatabase>? logger = null, TimeSpan? watchInterval = null)
    {
        Clock = clock ?? TimeProvider.System;
        var storeId = SqliteDatabaseFile.OpenOrCreate(path, Clock, allowNewDatabase);
        DatabasePath = Path.GetFullPath(path);
        var connectionString = _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            // The file exists and is checked by now; never let SQLite quietly create an empty one later.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            // Another process holding the lock longer than this is an outage: fail (503) rather than hang the request.
            DefaultTimeout = 3,
        }.ToString();

        // The health probe's own connection: unpooled, so it sees the file as a new process would, not a cached page.
        _probeConnectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _writeAvailability = new SqliteAvailability(Clock);
        _readAvailability = new SqliteAvailability(Clock);
        _watch = new SqliteFileWatch(DatabasePath, storeId, [_writeAvailability, _readAvailability],
            logger ?? (ILogger)NullLogger.Instance, watchInterval ?? DefaultWatchInterval);
        Writes = new SqliteWriteQueue(connectionString, _writeAvailability, walLimitBytes, _watch.Confirm);
        Checkpointer = new SqliteCheckpointer(connectionString, DatabasePath, walLimitBytes, TimeSpan.FromSeconds(1), _watch.Confirm);
        Readers = new SqliteReaderPool(connectionString, _watch.Confirm);
    }

    public string DatabasePath { get; }

    /// <summary>
    /// Lets SQLite itself wait for a lock another connection holds, retrying within milliseconds, for as long as the
    /// connection's timeout allows. Without it Microsoft.Data.Sqlite retries a busy statement after a fixed pause of
    /// about 150 ms: the single writer, held out for 10 to 30 ms by a checkpoint's RESTART, then stalled every turn
    /// queued behind it for 150 ms (measured: about a quarter of the writer's time under load, and the whole p99).
    /// </summary>
    internal static string BusyTimeoutPragma(SqliteConnection connection) => $"PRAGMA busy_timeout = {connection.DefaultTimeout * 1000};";

    internal TimeProvider Clock { get; }

    internal SqliteWriteQueue Writes { get; }

    internal SqliteReaderPool Readers { get; }

    internal SqliteCheckpointer Checkpointer { get; }

    /// <summary>Now, as the columns store it.</summary>
    internal string Now() => SqliteValues.Format(Clock.GetUtcNow());

    /// <summary>
    /// A read on a pooled connection. Busy and locked are retried with back-off; a fault (disk, corruption) or
    /// retries used up pause reads and surface as <see cref="StorageUnavailableException"/>.
    /// </summary>
    internal async Task<T> ReadAsync<T>(string operation, Func<SqliteReaderPool.Session, T> work, CancellationToken cancellationToken)
    {
        _readAvailability.ThrowIfUnavailable(operation);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return Readers.Read(work);
            }
            catch (SqliteException exception) when (SqliteAvailability.IsFault(exception))
            {
                _readAvailability.Failed(exception);
                throw new StorageUnavailableException(operation, exception, SqliteAvailability.RetryAfter);
            }
            catch (SqliteException exception) when (SqliteWriteQueue.IsTransient(exception))
            {
                if (attempt >= MaxReadAttempts)
                {
                    _readAvailability.Failed(exception);
                    throw new StorageUnavailableException(operation, exception, SqliteAvailability.RetryAfter);
                }
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(25 * Math.Pow(2, attempt) + Random.Shared.Next(25));

    /// <summary>
    /// Proves the database can store something now, bypassing the pause after a failure: the health check's view of
    /// storage. The file at the path must be the one opened (not deleted, not replaced), and a fresh connection must
    /// commit a real write (a read, or taking the lock, passes on a read-only or full disk). After corruption was
    /// seen anywhere, the whole file's structure must check out as well (at most once in <see cref="FullCheckEvery"/>).
    /// Success ends the pause.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (_watch.Check() is { } lost) throw new StorageUnavailableException("probe", lost, SqliteAvailability.RetryAfter);
        try
        {
            await Task.Run(() =>
            {
                using var connection = new SqliteConnection(_probeConnectionString);
                connection.Open();
                // Opened before the look, so a file moved in after it is not the one this connection writes to.
                if (_watch.Confirm() is { } replaced) throw new StorageUnavailableException("probe", replaced, SqliteAvailability.RetryAfter);
                using var transaction = connection.BeginTransaction(deferred: false);
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO meta (key, value) VALUES ('health_probe', $now) ON CONFLICT (key) DO UPDATE SET value = $now";
                command.Parameters.AddWithValue("$now", Now());
                command.ExecuteNonQuery();
                if (_writeAvailability.Damaged || _readAvailability.Damaged) CheckWholeFile(connection, transaction);
                transaction.Commit();
            }, cancellationToken);
            _writeAvailability.Recovered();
            _readAvailability.Recovered();
        }
        catch (SqliteException exception)
        {
            _writeAvailability.Failed(exception);
            throw new StorageUnavailableException("probe", exception, SqliteAvailability.RetryAfter);
        }
    }

    private void CheckWholeFile(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (_lastFullCheck != 0 && Clock.GetElapsedTime(_lastFullCheck) < FullCheckEvery)
        {
            throw new SqliteException("The database was found damaged; it is checked again shortly.", 11);
        }
        _lastFullCheck = Clock.GetTimestamp();
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "PRAGMA quick_check(1)";
        if (Convert.ToString(check.ExecuteScalar(), CultureInfo.InvariantCulture) != "ok") throw new SqliteException("The database is damaged.", 11);
        _writeAvailability.Damaged = false;
        _readAvailability.Damaged = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _watch.DisposeAsync();
        await Writes.DisposeAsync();
        await Checkpointer.DisposeAsync();
        Readers.Dispose();
        // The pooled connections hold the file open; a disposed database lets go of it.
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }
}
