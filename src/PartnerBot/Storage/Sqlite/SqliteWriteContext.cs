using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// What a queued write sees: the writer connection inside the batch transaction, with its statements kept
/// prepared across batches (the same SQL text gets the same command).
/// </summary>
internal sealed class SqliteWriteContext(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, SqliteCommand> commands)
{
    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = SqliteKeptStatements.Get(commands, connection, sql, parameters);
        command.Transaction = transaction;
        return command;
    }
}
