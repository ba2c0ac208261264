using System.Threading.Channels;
using Microsoft.Data.Sqlite;

using PartnerBot.Telemetry;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// All writes of this process go through one connection and one loop that commits whatever is queued in a
/// single transaction (group commit): under load, dozens of turns share one commit instead of queueing for
/// one each. A write that fails (an ETag conflict, a constraint) fails alone: a single statement is atomic by
/// itself, and a write of several statements runs in a savepoint. A caller's task completes only after its
/// batch is committed.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int MaxAttempts = 4;

    private readonly string _connectionString;
    private readonly SqliteAvailability _availability;
    private readonly long _journalSizeLimit;
    private readonly Func<Exception?> _confirmFile;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private SqliteConnection? _connection;
    private Dictionary<string, SqliteCommand> _commands = [];

    /// <param name="confirmFile">Says why the database file is lost (deleted, replaced), or null while it is the one opened.</param>
    public SqliteWriteQueue(string connectionString, SqliteAvailability availability, long journalSizeLimit, Func<Exception?> confirmFile)
    {
        _confirmFile = confirmFile;
        _connectionString = connectionString;
        _availability = availability;
        _journalSizeLimit = journalSizeLimit;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <param name="severalStatements">True when <paramref name="work"/> runs more than one modifying statement,
    /// which must then be undone together if one of them fails.</param>
    public async Task<T> ExecuteAsync<T>(string operation, Func<SqliteWriteContext, T> work, CancellationToken cancellationToken, bool severalStatements = false)
    {
        // The span covers the wait for the batch too: that is the time the turn spends on this write.
        using var span = PartnerBotTelemetry.StartStorage("sqlite", operation);
        try
        {
            _availability.ThrowIfUnavailable(operation);
            var pending = new PendingWrite(operation, context => work(context), severalStatements);
            if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(SqliteWriteQueue));
            // Once queued, a write is committed or failed as part of its batch; cancellation only stops the wait.
            return (T)(await pending.Completion.Task.WaitAsync(cancellationToken))!;
        }
        catch (StorageUnavailableException)
        {
            PartnerBotTelemetry.StorageFailed(span, "sqlite", operation);
            throw;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        if (_availability.CurrentFailure is { } known)
        {
            // Queued before the failure was known: fail now rather than each batch waiting out the busy timeout again.
            foreach (var pending in batch) pending.Completion.TrySetException(new StorageUnavailableException(pending.Operation, known, SqliteAvailability.RetryAfter));
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            var results = new (object? Value, Exception? Error)[batch.Count];
            try
            {
                var connection = _connection ??= Open();
                if (_confirmFile() is { } lost)
                {
                    // Another file at the path shares this one's log name: not one more frame goes into it.
                    foreach (var pending in batch) pending.Completion.TrySetException(new StorageUnavailableException(pending.Operation, lost, SqliteAvailability.RetryAfter));
                    return;
                }
                using var transaction = connection.BeginTransaction(deferred: false);
                var context = new SqliteWriteContext(connection, transaction, _commands);
                for (var i = 0; i < batch.Count; i++)
                {
                    var savepoint = batch[i].SeveralStatements;
                    if (savepoint) context.Command("SAVEPOINT write").ExecuteNonQuery();
                    try
                    {
                        results[i] = (batch[i].Work(context), null);
                        if (savepoint) context.Command("RELEASE write").ExecuteNonQuery();
                    }
                    catch (Exception exception) when (exception is not SqliteException sqlite || !IsTransient(sqlite) && !SqliteAvailability.IsFault(sqlite))
                    {
                        if (savepoint)
                        {
                            context.Command("ROLLBACK TO write").ExecuteNonQuery();
                            context.Command("RELEASE write").ExecuteNonQuery();
                        }
                        results[i] = (null, exception);
                    }
                }
                transaction.Commit();
            }
            catch (SqliteException exception) when (IsTransient(exception))
            {
                // Nothing of the batch was committed, so running it again is safe. Start on a fresh connection.
                ResetConnection();
                if (attempt < MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(25 * Math.Pow(2, attempt) + Random.Shared.Next(25)));
                    continue;
                }
                _availability.Failed(exception);
                foreach (var pending in batch) pending.Completion.TrySetException(new StorageUnavailableException(pending.Operation, exception, SqliteAvailability.RetryAfter));
                return;
            }
            catch (SqliteException exception) when (SqliteAvailability.IsFault(exception))
            {
                ResetConnection();
                _availability.Failed(exception);
                foreach (var pending in batch) pending.Completion.TrySetException(new StorageUnavailableException(pending.Operation, exception, SqliteAvailability.RetryAfter));
                return;
            }
            catch (Exception exception)
            {
                ResetConnection();
                foreach (var pending in batch) pending.Completion.TrySetException(exception);
                return;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i].Error is { } error) batch[i].Completion.TrySetException(error);
                else batch[i].Completion.TrySetResult(results[i].Value);
            }
            return;
        }
    }

    /// <summary>
    /// WAL with synchronous=NORMAL (a per-connection setting): a commit needs no fsync of its own and survives a
    /// crash of the process, though not necessarily a power cut. Checkpoints are left to
    /// <see cref="SqliteCheckpointer"/> so that none runs inside this connection's commits.
    /// </summary>
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        // journal_size_limit: when the WAL starts over after a checkpoint, a file past twice the limit is cut back
        // (the checkpointer empties it when writes pause; under load, cutting it only makes it grow again).
        // secure_delete: deleted rows are overwritten, not left in free pages (erasure, retention, redaction).
        // busy_timeout: see SqliteDatabase.BusyTimeoutPragma (the checkpointer's RESTART holds this writer out briefly).
        pragmas.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {2 * _journalSizeLimit}; PRAGMA secure_delete = ON; {SqliteDatabase.BusyTimeoutPragma(connection)}";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private void ResetConnection()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands = [];
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Busy, locked, I/O and "cannot open" errors can pass; constraint and schema errors cannot.</summary>
    public static bool IsTransient(SqliteException exception) => SqliteAvailability.IsTransient(exception);

    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete()) return;
        await _loop;
        ResetConnection();
    }

    private sealed record PendingWrite(string Operation, Func<SqliteWriteContext, object?> Work, bool SeveralStatements)
    {
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
