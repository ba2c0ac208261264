using PartnerBot.ConversationLog;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Sales;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>Keys are never in the repository, are generated readable by their owner only, and a bad key stops the app.</summary>
/// <remarks>File permissions are checked as Unix modes; the project runs on Linux.</remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyFileTests : IDisposable
{
    private const string GoodKey = "test-only key, not a secret: 0123456789 abcdefghij";
    private readonly string _root = TestDirectory.Create();

    private string DataDirectory => Path.Combine(_root, "data");

    public void Dispose() => TestDirectory.TryDelete(_root);

    [Fact]
    public void No_key_or_database_file_is_in_the_repository_and_the_data_folder_is_ignored()
    {
        var repository = RepositoryRoot();
        Assert.Equal("", Git(repository, "ls-files", "--", "src/PartnerBot/data").Output);
        Assert.Equal(0, Git(repository, "check-ignore", "-q", "src/PartnerBot/data/privacy.key").ExitCode);
        Assert.Equal(0, Git(repository, "check-ignore", "-q", "src/PartnerBot/data/directline.key").ExitCode);
    }

    [Fact]
    public void Generated_keys_and_the_database_are_readable_by_their_owner_only()
    {
        Assert.False(Directory.Exists(DataDirectory));
        using var app = new PartnerBotApplication(DataDirectory);
        app.CreateClient().Dispose();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(DataDirectory));
        foreach (var file in new[] { "privacy.key", "directline.key", "partnerbot.db", "partnerbot.db-wal", "partnerbot.db-shm" })
        {
            Assert.Equal((file, UnixFileMode.UserRead | UnixFileMode.UserWrite), (file, File.GetUnixFileMode(Path.Combine(DataDirectory, file))));
        }
    }

    [Fact]
    public void Storage_keys_directory_keeps_the_generated_keys_apart_from_the_database()
    {
        // As on Azure Table storage, where there is no database folder for the keys to sit beside.
        var keys = Path.Combine(_root, "keys");
        using var app = new PartnerBotApplication(DataDirectory, new Dictionary<string, string?> { ["Storage:KeysDirectory"] = keys });
        app.CreateClient().Dispose();

        Assert.True(File.Exists(Path.Combine(keys, "privacy.key")) && File.Exists(Path.Combine(keys, "directline.key")), "The keys are not in Storage:KeysDirectory.");
        Assert.False(File.Exists(Path.Combine(DataDirectory, "privacy.key")) || File.Exists(Path.Combine(DataDirectory, "directline.key")), "A key was generated beside the database.");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "privacy.key")));
    }

    [Fact]
    public void A_key_file_left_readable_by_others_is_made_owner_only()
    {
        Directory.CreateDirectory(DataDirectory);
        var keyFile = Path.Combine(DataDirectory, "privacy.key");
        File.WriteAllText(keyFile, Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray()));
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var app = new PartnerBotApplication(DataDirectory);
        app.CreateClient().Dispose();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }

    [Theory]
    [InlineData("Privacy:UserIdHashKey", "", "set but empty")]
    [InlineData("Privacy:UserIdHashKey", "   ", "set but empty")]
    [InlineData("Privacy:UserIdHashKey", "short-secret", "too weak")]
    [InlineData("Privacy:UserIdHashKey", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "too weak")]
    [InlineData("DirectLine:TokenSigningKey", "", "set but empty")]
    [InlineData("DirectLine:TokenSigningKey", "0123456789", "too weak")]
    public void An_empty_or_weak_configured_key_stops_the_app(string setting, string value, string problem)
    {
        using var app = new PartnerBotApplication(DataDirectory, new Dictionary<string, string?> { [setting] = value });

        var error = StartupFailure.Of(app);

        Assert.Contains(setting, error);
        Assert.Contains(problem, error);
        Assert.False(File.Exists(Path.Combine(DataDirectory, setting.StartsWith("Privacy", StringComparison.Ordinal) ? "privacy.key" : "directline.key")));
    }

    [Fact]
    public void A_strong_configured_key_is_used_and_no_key_file_is_written()
    {
        using var app = new PartnerBotApplication(DataDirectory, new Dictionary<string, string?> { ["Privacy:UserIdHashKey"] = GoodKey });

        var hash = app.Services.GetRequiredService<UserIdHasher>().Hash("user-1");

        Assert.Equal(new UserIdHasher(System.Text.Encoding.UTF8.GetBytes(GoodKey)).Hash("user-1"), hash);
        Assert.False(File.Exists(Path.Combine(DataDirectory, "privacy.key")));
    }

    [Theory]
    [InlineData("privacy.key", "Privacy:UserIdHashKey", "this is not base64 at all!")]
    [InlineData("privacy.key", "Privacy:UserIdHashKey", "")]
    [InlineData("privacy.key", "Privacy:UserIdHashKey", "c2hvcnQ=")]
    [InlineData("directline.key", "DirectLine:TokenSigningKey", "{\"garbage\": true}")]
    public void A_garbage_key_file_stops_the_app_and_is_left_alone(string file, string setting, string content)
    {
        Directory.CreateDirectory(DataDirectory);
        var keyFile = Path.Combine(DataDirectory, file);
        File.WriteAllText(keyFile, content);
        using var app = new PartnerBotApplication(DataDirectory);

        var error = StartupFailure.Of(app);

        Assert.Contains(keyFile, error);
        Assert.Contains(setting, error);
        Assert.Contains("not a valid key", error);
        Assert.Equal(content, File.ReadAllText(keyFile));
    }

    [Fact]
    public void The_hashing_key_file_can_live_outside_the_data_folder()
    {
        var keyFile = Path.Combine(_root, "secrets", "privacy.key");
        using var app = new PartnerBotApplication(DataDirectory, new Dictionary<string, string?> { ["Privacy:UserIdHashKeyPath"] = keyFile });
        app.CreateClient().Dispose();

        Assert.True(File.Exists(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.False(File.Exists(Path.Combine(DataDirectory, "privacy.key")));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void The_sample_settings_leave_the_keys_to_generated_files_and_start()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), "appsettings.sample.json")).Build();
        Assert.Null(sample["Privacy:UserIdHashKey"]);
        Assert.Null(sample["DirectLine:TokenSigningKey"]);
        var keySettings = sample.AsEnumerable()
            .Where(setting => setting.Value is not null && (setting.Key.StartsWith("Privacy:", StringComparison.Ordinal) || setting.Key.StartsWith("Retention:", StringComparison.Ordinal)))
            .ToDictionary(setting => setting.Key, setting => setting.Value);
        Assert.Contains("Retention:AnonymousDays", keySettings.Keys);

        using var app = new PartnerBotApplication(DataDirectory, keySettings);
        app.CreateClient().Dispose();

        Assert.True(File.Exists(Path.Combine(DataDirectory, "privacy.key")));
        Assert.True(File.Exists(Path.Combine(DataDirectory, "directline.key")));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerBot.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (PartnerBot.sln) was not found above the test binaries.");
    }

    private static (int ExitCode, string Output) Git(string repository, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return (git.ExitCode, output.Trim());
    }
}
