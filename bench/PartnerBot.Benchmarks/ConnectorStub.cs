using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Benchmarks;

/// <summary>The channel side: accepts the bot's replies at the Connector REST paths on loopback and counts them.</summary>
internal sealed class ConnectorStub : IAsyncDisposable
{
    private WebApplication _app = null!;
    private long _received;

    public Uri ServiceUrl { get; private set; } = null!;

    public long Received => Interlocked.Read(ref _received);

    public static async Task<ConnectorStub> StartAsync()
    {
        var stub = new ConnectorStub();
        (stub._app, stub.ServiceUrl) = await LoopbackApp.StartAsync(app => app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", async (HttpContext http) =>
        {
            // Read the body as a channel would, then answer with the created id.
            await http.Request.Body.CopyToAsync(Stream.Null);
            var id = Interlocked.Increment(ref stub._received);
            return Results.Json(new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }));
        return stub;
    }

    /// <summary>Where a reply to <paramref name="activity"/> is posted: the Connector's path under its service URL.</summary>
    public static Uri ReplyUrl(Activity activity) => new(new Uri(activity.ServiceUrl!),
        $"v3/conversations/{Uri.EscapeDataString(activity.Conversation!.Id!)}/activities/{Uri.EscapeDataString(activity.Id ?? "")}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
