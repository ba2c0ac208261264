using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>PartnerBot on Kestrel at a loopback port (real HTTP and WebSockets), with its own SQLite file.</summary>
public sealed class KestrelPartnerBot : WebApplicationFactory<Program>
{
    private readonly string _directory = TestDirectory.Create();
    private readonly IDictionary<string, string?> _settings;

    public KestrelPartnerBot(IDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        Port = FreeLoopbackPort();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public Stores Store => new Stores(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:SqlitePath", Path.Combine(_directory, "partnerbot.db"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("MicrosoftAppId", "");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) TestDirectory.TryDelete(_directory);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
