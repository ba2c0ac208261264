using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using PartnerBot.Hosting;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Hosting;

/// <summary>
/// The published app started the way a host starts it: the platform's address settings decide where it listens,
/// and the local default applies only when there is none.
/// </summary>
public sealed class ListenAddressTests
{
    public static TheoryData<string> Ways => ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "--urls"];

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task The_platforms_address_setting_wins(string way)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>();
        var arguments = new List<string>();
        switch (way)
        {
            case "ASPNETCORE_URLS": environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}"; break;
            case "ASPNETCORE_HTTP_PORTS": environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture); break;
            default: arguments.AddRange(["--urls", $"http://127.0.0.1:{port}"]); break;
        }

        await using var app = await PublishedApp.StartAsync(environment, arguments);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var response = await app.WaitForAsync(() => http.GetAsync($"http://127.0.0.1:{port}/healthz"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void The_local_default_applies_only_when_nothing_is_configured()
    {
        static bool Configured(params (string Key, string Value)[] settings) =>
            ListenAddresses.IsConfigured(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

        Assert.False(Configured());
        Assert.True(Configured(("urls", "http://+:8080")));
        Assert.True(Configured(("http_ports", "8080")));
        Assert.True(Configured(("https_ports", "8443")));
        Assert.True(Configured(("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:80")));
        Assert.DoesNotContain("Urls", File.ReadAllText(Path.Combine(PublishedApp.Folder, "appsettings.json")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>PartnerBot.dll from its build folder, run by <c>dotnet</c> in Production with a scratch data folder.</summary>
    private sealed class PublishedApp : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _data;

        private PublishedApp(Process process, string data)
        {
            _process = process;
            _data = data;
        }

        public static string Folder
        {
            get
            {
                // The test assembly's folder is tests/PartnerBot.Tests/bin/<Configuration>/<tfm>/.
                var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
                var tfm = here.Name;
                var configuration = here.Parent!.Name;
                var root = here;
                while (root is not null && !File.Exists(Path.Combine(root.FullName, "PartnerBot.sln"))) root = root.Parent;
                return Path.Combine(root!.FullName, "src", "PartnerBot", "bin", configuration, tfm);
            }
        }

        public static Task<PublishedApp> StartAsync(Dictionary<string, string> environment, List<string> arguments)
        {
            var data = TestDirectory.Create();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(Folder, "PartnerBot.dll"));
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" }) start.Environment.Remove(name);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Bot__AllowUnauthenticated"] = "true";
            start.Environment["Storage__SqlitePath"] = Path.Combine(data, "partnerbot.db");
            foreach (var (name, value) in environment) start.Environment[name] = value;
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return Task.FromResult(new PublishedApp(process, data));
        }

        public async Task<HttpResponseMessage> WaitForAsync(Func<Task<HttpResponseMessage>> request)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    return await request();
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
                {
                    await Task.Delay(200);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
            TestDirectory.TryDelete(_data);
        }
    }
}
