using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// The Azure Storage emulator's Table service (npm <c>azurite</c>, locked in tests/js), in memory on a free loopback
/// port, with an account and key made up for this run. <see cref="Pause"/> and <see cref="Resume"/> freeze the
/// process (SIGSTOP/SIGCONT), so a test can make storage unreachable without losing what it holds.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string Account = "partnerbot";
    private readonly Process _process;
    private readonly string _key;

    private Azurite(Process process, int port, string key)
    {
        _process = process;
        Port = port;
        _key = key;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={_key};TableEndpoint=http://127.0.0.1:{Port}/{Account};";

    /// <summary>A unique table prefix, so tests sharing one emulator never see each other's rows.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<Azurite> StartAsync()
    {
        var checker = new OfficialCardChecker();
        await checker.EnsureInstalledAsync();
        var script = Path.Combine(checker.ToolDirectory, "node_modules", "azurite", "dist", "src", "table", "main.js");
        var port = FreeLoopbackPort();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--silent" },
            WorkingDirectory = checker.ToolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, port, key);
        await azurite.WaitUntilListeningAsync();
        return azurite;
    }

    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    public async ValueTask DisposeAsync()
    {
        try
        {
            Resume();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with {_process.ExitCode} before listening.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {_process.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
