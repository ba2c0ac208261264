using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace PartnerBot.Benchmarks;

/// <summary>Azurite's Table service from the repository's locked npm packages (tests/js), in memory on a free loopback port.</summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteProcess(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PartnerBot.sln"))) root = root.Parent;
        var script = Path.Combine(root?.FullName ?? ".", "tests", "js", "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script)) throw new InvalidOperationException("Azurite is not installed: run `npm ci` in tests/js, or pass --connection-string.");

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--silent" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AZURITE_ACCOUNTS"] = $"bench:{key}";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (attempt < 600 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
        return new AzuriteProcess(process, $"DefaultEndpointsProtocol=http;AccountName=bench;AccountKey={key};TableEndpoint=http://127.0.0.1:{port}/bench;");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
