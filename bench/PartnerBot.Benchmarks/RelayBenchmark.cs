using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;
using Activity = PartnerBot.BotFramework.Schema.Activity;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Live hand-off relay latency over loopback (<c>--relay</c>): a website prospect on the embedded Direct Line, with its
/// stream open, chats with a colleague in a sales channel behind a loopback Connector stub. One message at a time, each
/// way: from the prospect's POST to the Connector's POST into the thread, and from the colleague's POST to
/// /api/messages to the activity on the prospect's stream. With <c>--storage azure-table</c> two instances share one
/// Azurite, the stream on one and Teams calling the other, so the second way crosses the stream's poll of the log.
/// </summary>
internal static class RelayBenchmark
{
    private const string Team = "19:bench-sales-team@thread.tacv2";
    private const string Channel = "19:bench-leads@thread.tacv2";
    private const string BotId = "28:partnerbot";

    public static async Task<int> RunAsync(bool azureTable, int messages, int warmup)
    {
        await using var connector = await ThreadStub.StartAsync();
        await using var azurite = azureTable ? await AzuriteProcess.StartAsync() : null;
        var dataDirectory = Directory.CreateTempSubdirectory("partnerbot-relay-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Sales:AlertTeamIds:0"] = Team,
            ["Sales:AlertPollSeconds"] = "1",
            ["Sales:PublicUrl"] = "https://bot.example.test",
            ["LiveChat:IdleMinutes"] = "60",
            ["DirectLine:TokenSigningKey"] = "relay-benchmark-signing-key-0123456789abcdef",
            ["Privacy:UserIdHashKey"] = "relay-benchmark-user-id-hash-key-0123456789",
            // The prospect's burst of posts is the benchmark, not abuse.
            ["DirectLine:PostsPerSecond"] = "1000",
            ["DirectLine:PostBurst"] = "1000",
            ["RateLimits:PostPerMinute"] = "100000",
        };
        if (azureTable)
        {
            settings["Storage:Provider"] = "AzureTable";
            settings["Storage:ConnectionString"] = azurite!.ConnectionString;
            settings["Storage:TablePrefix"] = "relay" + Guid.NewGuid().ToString("N")[..8];
        }
        using var teamsSide = new BotUnderLoad(dataDirectory, settings, null);
        teamsSide.StartServer();
        using var streamSide = azureTable ? new BotUnderLoad(dataDirectory, settings, null) : null;
        streamSide?.StartServer();
        var prospectSide = streamSide ?? teamsSide;
        using var teams = new HttpClient { BaseAddress = teamsSide.BaseAddress };
        using var web = new HttpClient { BaseAddress = prospectSide.BaseAddress };
        var sequence = 0;

        Console.WriteLine($"PartnerBot relay benchmark: {(azureTable ? "Azure Table storage (Azurite), stream on a second instance" : "SQLite, one instance")}, "
            + $"{messages} messages each way after {warmup} warm-up, one at a time, {Environment.ProcessorCount} cores");
        await PostAsync(teams, Command(connector.ServiceUrl, ++sequence, "notify here"));

        // The prospect: token, conversation, stream.
        var token = JsonNode.Parse(await (await web.PostAsJsonAsync("/api/directline/token", new { })).Content.ReadAsStringAsync())!;
        var (bearer, conversationId) = (token["token"]!.GetValue<string>(), token["conversationId"]!.GetValue<string>());
        web.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        (await web.PostAsync("/v3/directline/conversations", null)).EnsureSuccessStatusCode();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{prospectSide.Port}/v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(bearer)}"), default);
        var stream = new StreamReader(socket);
        foreach (var text in new[] { "hi", "yes", "human please" }) await SayAsync(web, conversationId, text);

        var card = await connector.WaitAsync(m => m.Conversation == Channel && m.HasCard, TimeSpan.FromSeconds(30));
        var alertId = card.Body["attachments"]![0]!["content"]!["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == "joinChat")!["data"]!["alertId"]!.GetValue<string>();
        var thread = $"{Channel};messageid={card.Id}";
        using (var joined = await teams.PostAsJsonAsync("/api/messages", Join(connector.ServiceUrl, ++sequence, alertId, card.Id, thread), BotJson.Options))
        {
            var answer = await joined.Content.ReadAsStringAsync();
            if (!answer.Contains("is chatting with", StringComparison.Ordinal)) throw new InvalidOperationException($"Joining failed ({(int)joined.StatusCode}): {answer}");
        }
        await stream.WaitAsync("has joined the chat", TimeSpan.FromSeconds(30));

        var toThread = new List<double>();
        var toProspect = new List<double>();
        for (var i = 0; i < warmup + messages; i++)
        {
            var said = $"prospect {i}";
            var clock = Stopwatch.StartNew();
            var arrived = connector.WaitAsync(m => m.Conversation == thread && m.Text?.EndsWith(said, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
            await SayAsync(web, conversationId, said);
            await arrived;
            if (i >= warmup) toThread.Add(clock.Elapsed.TotalMilliseconds);

            var wrote = $"colleague {i}";
            clock.Restart();
            var shown = stream.WaitAsync(wrote, TimeSpan.FromSeconds(30));
            await PostAsync(teams, InThread(connector.ServiceUrl, ++sequence, thread, wrote));
            await shown;
            if (i >= warmup) toProspect.Add(clock.Elapsed.TotalMilliseconds);
        }

        Print("prospect → thread", toThread);
        Print("thread → prospect", toProspect);
        if (azureTable) Console.WriteLine("(the stream's instance reads the shared log every DirectLine:StreamPollMilliseconds, 1000 ms by default on Table storage)");
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", default);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        return 0;
    }

    private static void Print(string name, List<double> latencies)
    {
        var sorted = latencies.Order().ToArray();
        string At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine($"{name,-19} p50 {At(0.50)} ms  p95 {At(0.95)} ms  p99 {At(0.99)} ms  max {sorted[^1].ToString("F1", CultureInfo.InvariantCulture)} ms ({sorted.Length} messages)");
    }

    private static async Task SayAsync(HttpClient web, string conversationId, string text)
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = text, From = new ChannelAccount { Id = "visitor", Name = "You" } };
        using var response = await web.PostAsJsonAsync($"/v3/directline/conversations/{conversationId}/activities", activity, BotJson.Options);
        response.EnsureSuccessStatusCode();
    }

    private static async Task PostAsync(HttpClient teams, Activity activity)
    {
        using var response = await teams.PostAsJsonAsync("/api/messages", activity, BotJson.Options);
        response.EnsureSuccessStatusCode();
    }

    private static Activity FromChannel(Uri serviceUrl, int sequence, string type, string conversation) => new()
    {
        Type = type,
        Id = $"1800000{sequence:D6}",
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = "msteams",
        ServiceUrl = serviceUrl.ToString(),
        From = new ChannelAccount { Id = "29:aad-ann", Name = "Ann Sales", AadObjectId = "aad-ann" },
        Recipient = new ChannelAccount { Id = BotId, Name = "PartnerBot" },
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "channel", TenantId = "tenant-1", IsGroup = true },
        ChannelData = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = Team },
            ["channel"] = new JsonObject { ["id"] = Channel },
        },
    };

    private static Activity Command(Uri serviceUrl, int sequence, string text)
    {
        var activity = FromChannel(serviceUrl, sequence, ActivityTypes.Message, Channel + ";messageid=1");
        activity.Text = $"<at>PartnerBot</at> {text}";
        activity.Entities = [JsonSerializer.Deserialize<Entity>($$"""{"type":"mention","mentioned":{"id":"{{BotId}}","name":"PartnerBot"},"text":"<at>PartnerBot</at>"}""", BotJson.Options)!];
        return activity;
    }

    private static Activity Join(Uri serviceUrl, int sequence, string alertId, string messageId, string thread)
    {
        var invoke = FromChannel(serviceUrl, sequence, ActivityTypes.Invoke, thread);
        invoke.Name = "adaptiveCard/action";
        invoke.ReplyToId = messageId;
        invoke.Value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "joinChat", ["data"] = new JsonObject { ["alertId"] = alertId } },
            ["trigger"] = "manual",
        };
        return invoke;
    }

    private static Activity InThread(Uri serviceUrl, int sequence, string thread, string text)
    {
        var message = FromChannel(serviceUrl, sequence, ActivityTypes.Message, thread);
        message.Text = text;
        return message;
    }

    /// <summary>The prospect's side of the stream: every activity's text, and waiters for the one a measurement expects.</summary>
    private sealed class StreamReader
    {
        private readonly ConcurrentQueue<string> _seen = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public StreamReader(WebSocket socket) => _ = ReadAsync(socket);

        private async Task ReadAsync(WebSocket socket)
        {
            var buffer = new byte[256 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                try
                {
                    do
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(count), default);
                        count += result.Count;
                    }
                    while (!result.EndOfMessage);
                }
                catch (WebSocketException)
                {
                    return;
                }
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (count == 0) continue;
                var set = JsonSerializer.Deserialize<ActivitySet>(buffer.AsSpan(0, count), BotJson.Options);
                foreach (var activity in set?.Activities ?? []) if (activity.Text is { } text) _seen.Enqueue(text);
                _arrived.Release();
            }
        }

        public async Task WaitAsync(string fragment, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                while (_seen.TryDequeue(out var text))
                {
                    if (text.Contains(fragment, StringComparison.Ordinal)) return;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left)) throw new TimeoutException($"The prospect never read \"{fragment}\".");
            }
        }
    }

    /// <summary>The Teams side: the Connector's REST paths on loopback, answering at once and telling waiters what arrived.</summary>
    private sealed class ThreadStub : IAsyncDisposable
    {
        public sealed record Received(string Conversation, string Id, string? Text, bool HasCard, JsonNode Body);

        private readonly List<(Func<Received, bool> Match, TaskCompletionSource<Received> Done)> _waiters = [];
        private readonly List<Received> _received = [];
        private WebApplication _app = null!;
        private int _next;

        public Uri ServiceUrl { get; private set; } = null!;

        public static async Task<ThreadStub> StartAsync()
        {
            var stub = new ThreadStub();
            (stub._app, stub.ServiceUrl) = await LoopbackApp.StartAsync(app =>
            {
                async Task<IResult> ReceiveAsync(HttpContext http, string conversationId)
                {
                    var body = (await JsonNode.ParseAsync(http.Request.Body))!;
                    var id = "m" + Interlocked.Increment(ref stub._next).ToString(CultureInfo.InvariantCulture);
                    stub.Add(new Received(Uri.UnescapeDataString(conversationId), id, body["text"]?.GetValue<string>(), body["attachments"] is JsonArray { Count: > 0 }, body));
                    return Results.Json(new { id });
                }
                app.MapPost("/v3/conversations/{conversationId}/activities", ReceiveAsync);
                app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpContext http, string conversationId, string replyToId) => ReceiveAsync(http, conversationId));
                app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string activityId) => Results.Json(new { id = activityId }));
            });
            return stub;
        }

        private void Add(Received received)
        {
            lock (_waiters)
            {
                _received.Add(received);
                foreach (var waiter in _waiters.Where(w => w.Match(received)).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Done.TrySetResult(received);
                }
            }
        }

        public async Task<Received> WaitAsync(Func<Received, bool> match, TimeSpan timeout)
        {
            var done = new TaskCompletionSource<Received>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiters)
            {
                if (_received.FirstOrDefault(match) is { } already) return already;
                _waiters.Add((match, done));
            }
            return await done.Task.WaitAsync(timeout);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
