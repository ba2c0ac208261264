using System.Net;
using System.Net.Sockets;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerBot.Benchmarks;

/// <summary>
/// PartnerBot itself, on Kestrel at a loopback port, with durable SQLite logging in a scratch folder, or with
/// Azure Table storage when the settings say so (then the given policy sees every Table request).
/// </summary>
internal sealed class BotUnderLoad : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;
    private readonly IDictionary<string, string?> _settings;
    private readonly HttpPipelinePolicy? _tablePolicy;

    private readonly string _environment;

    /// <param name="environment">Production (as deployed) unless a comparison needs Development (plain http to a loopback webhook receiver).</param>
    public BotUnderLoad(string dataDirectory, IDictionary<string, string?> settings, HttpPipelinePolicy? tablePolicy, string environment = "Production")
    {
        _environment = environment;
        _dataDirectory = dataDirectory;
        _settings = settings;
        _tablePolicy = tablePolicy;
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
        // As deployed: the test host's default is Development (developer exception page, development logging).
        builder.UseEnvironment(_environment);
        builder.UseSetting("Storage:SqlitePath", DatabasePath(_dataDirectory));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("Bot:AllowUnauthenticated", "true");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_tablePolicy is { } policy) builder.ConfigureTestServices(services => services.AddSingleton(policy));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
