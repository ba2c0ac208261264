using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PartnerBot.Benchmarks;

/// <summary>PartnerBot itself, on Kestrel at a loopback port, with durable SQLite logging in a scratch folder.</summary>
internal sealed class BotUnderLoad : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;

    public BotUnderLoad(string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        Port = FreeLoopbackPort();
        UseKestrel(Port);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static string DatabasePath(string dataDirectory) => Path.Combine(dataDirectory, "bench.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The app's own output folder holds everything it reads (cards, appsettings); no source tree needed.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Storage:SqlitePath", DatabasePath(_dataDirectory));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("MicrosoftAppId", "");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
