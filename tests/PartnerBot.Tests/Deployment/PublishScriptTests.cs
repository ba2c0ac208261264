using System.Diagnostics;

namespace PartnerBot.Tests.Deployment;

/// <summary>publish.sh refuses to start without its parameters, before it builds or contacts anything.</summary>
public sealed class PublishScriptTests
{
    public static TheoryData<string[], string> BadArguments => new()
    {
        { [], "--resource-group is required" },
        { ["--resource-group", "partnerbot-rg"], "--app is required" },
        { ["--resource-group"], "--resource-group needs a value" },
        { ["--app", "x", "--slot", "staging"], "unknown parameter: --slot" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Missing_or_unknown_parameters_stop_it_with_exit_code_2(string[] arguments, string message)
    {
        var (exitCode, output, error) = await RunAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Help_names_every_parameter()
    {
        var (exitCode, output, _) = await RunAsync(["--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("--resource-group NAME", output);
        Assert.Contains("--app NAME", output);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AzureTemplate.Folder, "publish.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("AZURE_RESOURCE_GROUP");
        start.Environment.Remove("AZURE_WEBAPP_NAME");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
