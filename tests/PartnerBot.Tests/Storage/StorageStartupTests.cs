using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// A database that cannot be used stops the app at start with one message naming the file and the problem,
/// instead of answering every request with an error; a database that lost its data is never silently replaced.
/// </summary>
/// <remarks>The read-only folder is made with Unix modes; the project runs on Linux.</remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StorageStartupTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    private string DatabasePath => Path.Combine(_directory, "partnerbot.db");

    public void Dispose()
    {
        MakeWritable(_directory);
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task A_database_locked_by_another_process_stops_the_start()
    {
        await CreateDatabaseWithDataAsync();
        using var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        other.Open();
        using var transaction = other.BeginTransaction(deferred: false);

        var error = StartFailure();

        Assert.Contains(DatabasePath, error);
        Assert.Contains("locked by another process", error);
    }

    [Fact]
    public async Task A_read_only_data_folder_stops_the_start()
    {
        await CreateDatabaseWithDataAsync();
        MakeReadOnly(_directory);

        var error = StartFailure();

        Assert.Contains(DatabasePath, error);
        Assert.Contains("writable", error);
    }

    [Fact]
    public void A_file_that_is_not_a_database_stops_the_start_and_is_left_alone()
    {
        var garbage = string.Concat(Enumerable.Repeat("this is not a database. ", 4000));
        File.WriteAllText(DatabasePath, garbage);

        var error = StartFailure();

        Assert.Contains(DatabasePath, error);
        Assert.Contains("not a SQLite database", error);
        Assert.Equal(garbage, File.ReadAllText(DatabasePath));
    }

    [Fact]
    public async Task A_truncated_database_stops_the_start()
    {
        await CreateDatabaseWithDataAsync();
        using (var file = new FileStream(DatabasePath, FileMode.Open)) file.SetLength(file.Length / 2);

        var error = StartFailure();

        Assert.Contains(DatabasePath, error);
        Assert.Contains("damaged", error);
    }

    [Fact]
    public async Task An_emptied_database_is_refused_not_started_over()
    {
        await CreateDatabaseWithDataAsync();
        File.WriteAllBytes(DatabasePath, []);

        var error = StartFailure();

        Assert.Contains(DatabasePath, error);
        Assert.Contains("empty (0 bytes)", error);
        Assert.Equal(0, new FileInfo(DatabasePath).Length);
    }

    [Fact]
    public async Task A_missing_database_beside_its_write_ahead_log_is_refused_not_started_over()
    {
        await CreateDatabaseWithDataAsync();
        File.Move(DatabasePath, DatabasePath + ".moved");
        File.WriteAllBytes(DatabasePath + "-wal", new byte[4096]);

        var error = StartFailure();

        Assert.Contains(DatabasePath, error);
        Assert.Contains("write-ahead log", error);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task A_database_deleted_with_its_wal_and_shm_is_refused_not_started_over()
    {
        await CreateDatabaseWithDataAsync();
        // As "rm partnerbot.db*" does, or a data volume that is not mounted: the marker beside it is left.
        foreach (var file in Directory.GetFiles(_directory, "partnerbot.db*")) File.Delete(file);

        var error = StartFailure();

        Assert.Contains(DatabasePath, error);
        Assert.Contains("created here before", error);
        Assert.Contains("Storage:AllowNewDatabase", error);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task A_new_empty_database_is_started_only_when_the_setting_asks_for_it()
    {
        await CreateDatabaseWithDataAsync();
        File.Delete(DatabasePath);

        using var app = new PartnerBotApplication(_directory, new Dictionary<string, string?> { ["Storage:AllowNewDatabase"] = "true" });
        using var ready = await app.CreateClient().GetAsync("/healthz/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task The_real_app_exits_non_zero_with_the_message()
    {
        File.WriteAllText(DatabasePath, string.Concat(Enumerable.Repeat("garbage ", 2000)));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "PartnerBot.dll"), "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(argument);
        start.Environment["Storage__SqlitePath"] = DatabasePath;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("PartnerBot kept running on a file that is not a database.");
        }

        var text = await output + await errors;
        // Exit code 1 and the one line, not an abort (134).
        Assert.Equal(1, process.ExitCode);
        Assert.Contains(DatabasePath, text);
        Assert.Contains("not a SQLite database", text);
        Assert.Contains("PartnerBot cannot start: The database '" + DatabasePath + "' cannot be used: the file is not a SQLite database", await errors);
    }

    private string StartFailure()
    {
        using var app = new PartnerBotApplication(_directory);
        return StartupFailure.Of(app);
    }

    /// <summary>A database of a few hundred pages in the app's schema, then closed cleanly (no WAL left).</summary>
    private async Task CreateDatabaseWithDataAsync()
    {
        await Stores.Sqlite(DatabasePath).DisposeAsync();
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var fill = connection.CreateCommand();
            fill.CommandText =
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                INSERT INTO transcript (conversation_id, subject, direction, logged_at, activity_json)
                SELECT 'c' || i, 'emulator/conversations/c' || i, 'Inbound', '2026-01-01T00:00:00.0000000Z', printf('{"type":"message","text":"%.400c"}', 'x') FROM n;
                """;
            fill.ExecuteNonQuery();
        }
        Assert.False(File.Exists(DatabasePath + "-wal"));
        Assert.True(new FileInfo(DatabasePath).Length > 500_000);
    }

    /// <summary>
    /// Takes write permission away from the folder. The superuser ignores permission bits, so there the folder is
    /// also marked immutable, which binds the superuser too.
    /// </summary>
    private static void MakeReadOnly(string directory)
    {
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        if (CanWrite(directory)) Run("chattr", "+i", directory);
        Assert.False(CanWrite(directory), "The test could not make a folder read-only on this machine.");
    }

    private static void MakeWritable(string directory)
    {
        if (!Directory.Exists(directory)) return;
        if (Environment.UserName == "root") Run("chattr", "-i", directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static bool CanWrite(string directory)
    {
        var probe = Path.Combine(directory, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // The program is not installed; the caller's check reports it.
        }
    }
}
