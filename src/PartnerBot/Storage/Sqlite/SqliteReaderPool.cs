using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Open read connections, each keeping its statements prepared (the same SQL text gets the same command), so
/// the reads of every turn neither reopen a connection nor re-parse their SQL. In WAL mode readers never wait
/// for the writer.
/// </summary>
/// <param name="confirmFile">Says why the database file is lost (deleted, replaced), or null while it is the one opened.</param>
internal sealed class SqliteReaderPool(string connectionString, Func<Exception?> confirmFile) : IDisposable
{
    private const int MaxIdle = 16;
    private readonly ConcurrentBag<Session> _idle = [];

    public T Read<T>(Func<Session, T> work)
    {
        var session = _idle.TryTake(out var idle) ? idle : new Session(connectionString, confirmFile);
        try
        {
            var result = work(session);
            if (_idle.Count < MaxIdle) _idle.Add(session);
            else session.Dispose();
            return result;
        }
        catch
        {
            // A session that failed may be in a bad state; do not hand it out again.
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var session)) session.Dispose();
    }

    internal sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = [];

        public Session(string connectionString, Func<Exception?> confirmFile)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            if (confirmFile() is { } lost)
            {
                // Opened on another file put at the path: it would be read through this database's log.
                _connection.Dispose();
                throw new StorageUnavailableException("read", lost, SqliteAvailability.RetryAfter);
            }
            using var busy = _connection.CreateCommand();
            busy.CommandText = SqliteDatabase.BusyTimeoutPragma(_connection);
            busy.ExecuteNonQuery();
        }

        public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
            SqliteKeptStatements.Get(_commands, _connection, sql, parameters);

        public void Dispose()
        {
            foreach (var command in _commands.Values) command.Dispose();
            _connection.Dispose();
        }
    }
}
