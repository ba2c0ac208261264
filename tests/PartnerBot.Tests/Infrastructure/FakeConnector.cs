using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// A Bot Connector service on loopback speaking the v3 REST shape: it records every activity posted to
/// <c>/v3/conversations/{id}/activities[/{replyToId}]</c> and answers <c>{"id": …}</c>, or the failures a test
/// queues (429/503 with Retry-After).
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private readonly List<ReceivedActivity> _received = [];
    private readonly List<ReceivedActivity> _updates = [];

    /// <summary>Activities replaced with PUT (UpdateActivity); ReplyToId holds the updated activity's id.</summary>
    public IReadOnlyList<ReceivedActivity> Updates
    {
        get { lock (_updates) return _updates.ToList(); }
    }
    private int _nextId;

    private FakeConnector(WebApplication app) => _app = app;

    public Uri ServiceUrl { get; private init; } = null!;

    public IReadOnlyList<ReceivedActivity> Received
    {
        get { lock (_received) return _received.ToList(); }
    }

    public int Attempts;

    /// <param name="port">A fixed loopback port (to come back where a stopped Connector was); a free one when null.</param>
    public static async Task<FakeConnector> StartAsync(int? port = null)
    {
        FakeConnector? connector = null;
        var (app, address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext http, string conversationId) => connector!.ReceiveAsync(http, conversationId, null));
            app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpContext http, string conversationId, string replyToId) => connector!.ReceiveAsync(http, conversationId, replyToId));
            app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpContext http, string conversationId, string activityId) =>
            {
                var activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, BotJson.Options);
                lock (connector!._updates) connector._updates.Add(new ReceivedActivity(Uri.UnescapeDataString(conversationId), Uri.UnescapeDataString(activityId), activity!, http.Request.Headers.Authorization.ToString(), DateTime.UtcNow));
                return Results.Json(new { id = activityId });
            });
        }, port is { } fixedPort ? builder => builder.WebHost.UseUrls($"http://127.0.0.1:{fixedPort}") : null);
        connector = new FakeConnector(app) { ServiceUrl = new Uri(address + "/") };
        return connector;
    }

    public void FailNext(int status, string? retryAfter = null) => _failures.Enqueue((status, retryAfter));

    /// <summary>Drops the failures still queued: the Connector is healthy again.</summary>
    public void Recover() => _failures.Clear();

    private TaskCompletionSource _gate = Completed();

    /// <summary>Holds every request until <see cref="Release"/>: a Connector that is slow to answer.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    private TaskCompletionSource _answers = Completed();

    /// <summary>
    /// Accepts and records every message from now on, then holds its answer until <see cref="ReleaseAnswers"/>: the
    /// channel has the message, the bot does not know yet (a crash in the middle of a send). Typing indicators are
    /// answered at once, so a slow turn's typing never stands in front of its messages.
    /// </summary>
    public void HoldAnswers() => _answers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held answers go and answers at once again.</summary>
    public void ReleaseAnswers()
    {
        var held = _answers;
        _answers = Completed();
        held.TrySetResult();
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    public IReadOnlyList<ReceivedActivity> Messages => Received.Where(r => r.Activity.IsType(ActivityTypes.Message)).ToList();

    public async Task<IReadOnlyList<ReceivedActivity>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Messages.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        return Messages;
    }

    private async Task<IResult> ReceiveAsync(HttpContext http, string conversationId, string? replyToId)
    {
        Interlocked.Increment(ref Attempts);
        await _gate.Task;
        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is not null) http.Response.Headers.RetryAfter = failure.RetryAfter;
            return Results.Json(new { error = new { code = "Throttled", message = "Injected failure" } }, statusCode: failure.Status);
        }
        var activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, BotJson.Options);
        var id = "srv-" + Interlocked.Increment(ref _nextId);
        lock (_received) _received.Add(new ReceivedActivity(Uri.UnescapeDataString(conversationId), replyToId is null ? null : Uri.UnescapeDataString(replyToId), activity!, http.Request.Headers.Authorization.ToString(), DateTime.UtcNow));
        if (activity!.IsType(ActivityTypes.Message)) await _answers.Task;
        return Results.Json(new { id });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedActivity(string ConversationId, string? ReplyToId, Activity Activity, string Authorization, DateTime ReceivedAt);
