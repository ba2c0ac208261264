using System.Diagnostics;
using System.Reflection;

namespace PartnerBot.Tests.Deployment;

/// <summary>
/// The Bicep CLI from the NuGet package the test project downloads at restore (its folder is recorded in the test
/// assembly's metadata), run as a process. It reads only local files: nothing here reaches the network.
/// </summary>
public static class BicepCli
{
    public static string Executable
    {
        get
        {
            var folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(a => a.Key == "BicepCliFolder")?.Value;
            Assert.False(string.IsNullOrEmpty(folder), "The test assembly does not record the Bicep CLI's folder (BicepCliFolder).");
            var path = Path.Combine(folder!, "bicep");
            Assert.True(File.Exists(path), $"The Bicep CLI was not restored: {path} is missing. Run `dotnet restore`.");
            // Some package extractions lose the executable bit (the package is the Linux build, hence the guard).
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                if ((mode & UnixFileMode.UserExecute) == 0) File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
            return path;
        }
    }

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Generous: the CLI's first start on a loaded machine takes several seconds.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepResult(process.ExitCode, await output, await error);
    }
}
