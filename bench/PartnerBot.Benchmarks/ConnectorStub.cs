using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Benchmarks;

/// <summary>The channel side: accepts the bot's replies at the Connector REST paths on loopback and counts them.</summary>
internal sealed class ConnectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;

    private ConnectorStub(WebApplication app) => _app = app;

    public Uri ServiceUrl { get; private set; } = null!;

    public long Received => Interlocked.Read(ref _received);

    public static async Task<ConnectorStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new ConnectorStub(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", async (HttpContext http) =>
        {
            // Read the body as a channel would, then answer with the created id.
            await http.Request.Body.CopyToAsync(Stream.Null);
            var id = Interlocked.Increment(ref stub._received);
            return Results.Json(new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        });
        await app.StartAsync();
        stub.ServiceUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
