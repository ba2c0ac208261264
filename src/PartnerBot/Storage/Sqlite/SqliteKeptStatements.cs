using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// A connection's statements kept prepared across calls, one command per SQL text (the writer's and each reader's).
/// </summary>
internal static class SqliteKeptStatements
{
    /// <summary>The command kept for <paramref name="sql"/> on <paramref name="connection"/>, made on first use, with <paramref name="parameters"/> set.</summary>
    public static SqliteCommand Get(Dictionary<string, SqliteCommand> commands, SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        SetParameters(command, parameters);
        return command;
    }

    /// <summary>
    /// The same statement mostly comes with the same names in the same order: then only the values change (each is bound
    /// by its value's type, as when first added), else the list is made anew.
    /// </summary>
    private static void SetParameters(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        var current = command.Parameters;
        var same = current.Count == parameters.Length;
        for (var i = 0; same && i < parameters.Length; i++) same = string.Equals(current[i].ParameterName, parameters[i].Name, StringComparison.Ordinal);
        if (same)
        {
            for (var i = 0; i < parameters.Length; i++) current[i].Value = parameters[i].Value ?? DBNull.Value;
            return;
        }
        current.Clear();
        foreach (var (name, value) in parameters) current.AddWithValue(name, value ?? DBNull.Value);
    }
}
