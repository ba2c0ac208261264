using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Benchmarks;

/// <summary>
/// The ceiling for this kind of work on this machine: a bare Kestrel endpoint at <c>/api/messages</c> that parses
/// the activity and posts one reply to the Connector (or returns it for <c>expectReplies</c>), with no storage, no
/// dialogs and no middleware. The turn benchmark drives it with the same load, in the same run, so that PartnerBot's
/// figures can be read as ratios of it on a noisy machine.
/// </summary>
internal sealed class CeilingEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CeilingEndpoint(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<CeilingEndpoint> StartAsync(int maxConnections)
    {
        var (app, baseAddress) = await LoopbackApp.StartAsync(
            app =>
            {
                var connector = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("connector");
                app.MapPost("/api/messages", async (HttpContext http) =>
                {
                    var activity = await http.Request.ReadFromJsonAsync<Activity>(BotJson.Options, http.RequestAborted);
                    if (activity?.Conversation?.Id is null) return Results.BadRequest();
                    var reply = activity.CreateReply("Question 1 of 14: what kind of organization are you?");
                    if (activity.ExpectsReplies) return Results.Json(new ExpectedReplies { Activities = [reply] }, BotJson.Options);
                    using var posted = await connector.PostAsJsonAsync(ConnectorStub.ReplyUrl(activity), reply, BotJson.Options, http.RequestAborted);
                    return posted.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
                });
            },
            services => services.AddHttpClient("connector").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections }));
        return new CeilingEndpoint(app, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
