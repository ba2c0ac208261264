using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// The official Adaptive Cards JavaScript libraries (npm <c>adaptivecards</c> and <c>adaptivecards-templating</c>,
/// locked in tests/js), run through Node: the reference expansion of a template, and the parser's errors and
/// warnings for a card at schema 1.5. Installs the locked packages with <c>npm ci</c> the first time.
/// </summary>
public sealed class OfficialCardChecker
{
    public sealed record Entry(string Name, JsonNode? Template = null, JsonNode? Data = null, JsonNode? Card = null);

    public sealed record Result(string Name, JsonNode? Expanded, IReadOnlyList<string> Errors);

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public OfficialCardChecker()
    {
        RepositoryRoot = FindRepositoryRoot();
        ToolDirectory = Path.Combine(RepositoryRoot, "tests", "js");
    }

    public string RepositoryRoot { get; }

    public string ToolDirectory { get; }

    public string CardsDirectory => Path.Combine(RepositoryRoot, "cards");

    public async Task<IReadOnlyList<Result>> CheckAsync(IEnumerable<Entry> entries)
    {
        await EnsureInstalledAsync();
        var request = new JsonObject
        {
            ["cards"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
            {
                ["name"] = e.Name,
                ["template"] = e.Template?.DeepClone(),
                ["data"] = e.Data?.DeepClone(),
                ["card"] = e.Card?.DeepClone(),
            }).ToArray()),
        };
        var (exitCode, output, error) = await RunAsync("node", "check-cards.mjs", request.ToJsonString(BotJson.Options));
        Assert.True(exitCode == 0, $"The card checker failed ({exitCode}): {error}");
        var results = JsonNode.Parse(output)!["results"]!.AsArray();
        return results.Select(r => new Result(
            r!["name"]!.GetValue<string>(),
            r["expanded"],
            r["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList())).ToList();
    }

    public async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (new[] { "adaptivecards-templating", "adaptivecards", "botframework-directlinejs", "azurite" }.All(package => Directory.Exists(Path.Combine(ToolDirectory, "node_modules", package)))) return;
            var (exitCode, _, error) = await RunAsync("npm", "ci --no-audit --no-fund", null);
            Assert.True(exitCode == 0, $"npm ci in tests/js failed ({exitCode}); Node.js 20 and npm are needed for the card checks: {error}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string arguments, string? input, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["npm_config_yes"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PartnerBot.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("Could not find the repository root (PartnerBot.sln) above the test binaries.");
    }
}
