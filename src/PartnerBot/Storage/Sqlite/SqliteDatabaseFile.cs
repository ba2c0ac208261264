using System.Globalization;
using Microsoft.Data.Sqlite;
using PartnerBot.Hosting;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Opens the database file at start-up and proves it usable: it is a SQLite database, intact, at a schema this
/// version understands, and writable now. Every failure is a <see cref="StartupCheckException"/> naming the file
/// and the problem, so the app stops at once instead of answering every request with an error.
/// A new database is built under a temporary name and renamed into place, so PartnerBot itself never leaves an
/// empty file behind: an empty file, or a missing one beside a WAL, means data was lost, and it refuses to start
/// rather than begin again on top of it.
/// </summary>
internal static class SqliteDatabaseFile
{
    /// <summary>How long start-up waits for another process's write transaction before calling the file locked.</summary>
    private const int LockWaitSeconds = 5;

    /// <summary>
    /// The file beside the database that says one was created here. Its name starts with a dot, so removing
    /// "partnerbot.db*" (the database with its -wal and -shm) leaves it, and the next start knows data went missing.
    /// </summary>
    public static string MarkerPath(string path) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + ".created");

    /// <param name="allowNew">Start with an empty database even though one existed here before (Storage:AllowNewDatabase).</param>
    /// <returns>The database's own id (see <see cref="SqliteFileWatch"/>).</returns>
    public static string OpenOrCreate(string path, TimeProvider clock, bool allowNew = false)
    {
        path = Path.GetFullPath(path);
        try
        {
            OwnerOnlyFiles.EnsureDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"its folder cannot be created ({exception.Message})", exception);
        }

        var wal = new FileInfo(path + "-wal");
        var database = new FileInfo(path);
        if (database.Exists && database.Length == 0)
        {
            throw Fail(path, "the file is empty (0 bytes), so its data has been lost (a truncated copy, a full disk). "
                + "Restore it from a backup; delete it only if starting with an empty database is intended");
        }
        if (!database.Exists && wal.Exists && wal.Length > 0)
        {
            throw Fail(path, $"the file is missing but its write-ahead log '{wal.FullName}' holds data. Restore the database from a backup, "
                + "or delete the log only if starting with an empty database is intended");
        }
        var marker = MarkerPath(path);
        if (!database.Exists && File.Exists(marker) && !allowNew)
        {
            throw Fail(path, $"the file is missing, but a database was created here before ({marker} says when). Its data has been deleted or moved: "
                + "restore it from a backup, or set Storage:AllowNewDatabase=true to start with an empty one");
        }
        if (!database.Exists) Create(path);
        var storeId = Verify(path, clock);
        WriteMarker(path, marker, clock);
        return storeId;
    }

    /// <summary>Written after every successful start, so a database from before this marker existed gets one too.</summary>
    private static void WriteMarker(string path, string marker, TimeProvider clock)
    {
        if (File.Exists(marker)) return;
        try
        {
            File.WriteAllText(marker, $"A PartnerBot database was created at {path} (first seen {clock.GetUtcNow():O}). Do not delete this file with the database: it tells the next start that data is missing.\n");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"the marker beside it cannot be written ({exception.Message}); check that its folder is writable", exception);
        }
    }

    private static void Create(string path)
    {
        // A name of its own, so two instances starting at once never build in the same file.
        var building = $"{path}.{Guid.NewGuid():N}.new";
        try
        {
            // SQLite gives its -wal and -shm files the database file's permissions, so owner-only here covers them too.
            OwnerOnlyFiles.CreateNew(building, []);
            using (var connection = new SqliteConnection(ConnectionString(building)))
            {
                connection.Open();
                SqliteSchema.Migrate(connection);
            }
            // The last connection closed: SQLite checkpointed and removed the WAL, so the file alone is the database.
            File.Move(building, path);
        }
        catch (IOException) when (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            // Another instance starting beside this one put its new database in place first; use that one.
        }
        catch (SqliteException exception)
        {
            throw Fail(path, Describe(exception), exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"it cannot be created ({exception.Message}); check that its folder is writable", exception);
        }
        finally
        {
            foreach (var leftover in new[] { building, building + "-wal", building + "-shm", building + "-journal" })
            {
                try
                {
                    File.Delete(leftover);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // A read-only folder: nothing was created there anyway.
                }
            }
        }
    }

    private static string Verify(string path, TimeProvider clock)
    {
        try
        {
            using var connection = new SqliteConnection(ConnectionString(path));
            connection.Open();
            SqliteSchema.Migrate(connection);
            using (var check = connection.CreateCommand())
            {
                // Reads every page's structure once (not the row contents): catches truncation and corruption now,
                // not on the first prospect whose row sits on a bad page.
                check.CommandText = "PRAGMA quick_check(1);";
                var result = Convert.ToString(check.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (result != "ok") throw Fail(path, $"the database is damaged ({result}). Restore it from a backup");
            }
            using (var probe = connection.CreateCommand())
            {
                // A real write: proves the file and its folder are writable and no other process holds the write lock.
                probe.CommandText = "INSERT INTO meta (key, value) VALUES ('last_started_at', $now) ON CONFLICT (key) DO UPDATE SET value = $now;";
                probe.Parameters.AddWithValue("$now", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                probe.ExecuteNonQuery();
            }
            using (var id = connection.CreateCommand())
            {
                // Given once, when the database is first opened by a version that knows it; kept for its lifetime.
                id.CommandText = "INSERT INTO meta (key, value) VALUES ($key, $id) ON CONFLICT (key) DO NOTHING; SELECT value FROM meta WHERE key = $key;";
                id.Parameters.AddWithValue("$key", SqliteFileWatch.StoreIdKey);
                id.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("N"));
                return (string)id.ExecuteScalar()!;
            }
        }
        catch (SqliteException exception)
        {
            throw Fail(path, Describe(exception), exception);
        }
        catch (InvalidOperationException exception)
        {
            throw Fail(path, exception.Message, exception);
        }
    }

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = false,
        DefaultTimeout = LockWaitSeconds,
    }.ToString();

    private static string Describe(SqliteException exception) => exception.SqliteErrorCode switch
    {
        5 or 6 => $"it is locked by another process (waited {LockWaitSeconds} s): another program holds a write transaction or an exclusive lock on it",
        8 => "it is read-only: the file and its folder must be writable (SQLite creates -wal and -shm files beside it)",
        10 => $"reading or writing it failed with an I/O error ({exception.Message})",
        11 => "the database is damaged (corrupt or truncated). Restore it from a backup",
        13 => "the disk is full",
        14 => "it cannot be opened: check that the file and its folder exist and are writable (SQLite creates -wal and -shm files beside it)",
        26 => "the file is not a SQLite database (overwritten, or not a PartnerBot database). Restore it from a backup",
        _ => exception.Message,
    };

    private static StartupCheckException Fail(string path, string problem, Exception? inner = null) =>
        new($"The database '{path}' cannot be used: {problem}.", inner);
}
