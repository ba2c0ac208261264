using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using BotActivity = PartnerBot.BotFramework.Schema.Activity;
using BotJson = PartnerBot.BotFramework.Schema.BotJson;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Telemetry;

/// <summary>
/// The app's OpenTelemetry registration with an in-memory exporter beside it: a turn is a span with the channel,
/// type and outcome, its storage calls are spans under it, the counters count it, and nothing a prospect typed
/// or is identified by appears in any span. With an OTLP endpoint set, the spans are exported there.
/// </summary>
public sealed class TelemetryTests
{
    private const string SecretText = "Zelda Quintessa zelda.quintessa@example.org +41 79 555 12 34";

    [Fact]
    public async Task A_turn_is_a_span_with_channel_type_and_outcome_and_carries_no_personal_data()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var app = new PartnerBotApplication();
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddInMemoryExporter(metrics))));
        var chat = new TestChat(factory.CreateClient(), "telemetry-conversation-4711", "emulator", "user-zelda-4711", "Zelda Quintessa", null, null);
        var trace = ActivityTraceId.CreateRandom();

        await PostAsync(chat, chat.NewMessage("hi"), trace);
        await PostAsync(chat, chat.NewMessage(SecretText), trace);
        // The test server hands the client its response before the request's server span ends: wait for both spans.
        await Eventually.WaitUntilAsync(() =>
        {
            factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
            lock (spans) return Task.FromResult(spans.Count(s => s.TraceId == trace && s.Kind == ActivityKind.Server) >= 2);
        }, "both requests' server spans are exported");
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        List<Activity> mine;
        lock (spans) mine = spans.Where(s => s.TraceId == trace).ToList();
        var turns = mine.Where(s => s.OperationName == "bot turn").ToList();
        Assert.Equal(2, turns.Count);
        Assert.All(turns, turn =>
        {
            Assert.Equal("emulator", turn.GetTagItem("bot.channel"));
            Assert.Equal("message", turn.GetTagItem("bot.activity.type"));
            Assert.Equal("ok", turn.GetTagItem("bot.outcome"));
        });
        var storage = mine.Where(s => s.OperationName.StartsWith("storage ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(storage);
        Assert.All(storage, s => Assert.Equal("sqlite", s.GetTagItem("db.system.name")));
        Assert.Contains(storage, s => turns.Any(t => t.SpanId == s.ParentSpanId));
        var server = Assert.Single(mine, s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("http.response.status_code"), 200) && mine.Any(t => t.OperationName == "bot turn" && t.ParentSpanId == s.SpanId && t == turns[1]));
        Assert.Equal("/api/messages", server.GetTagItem("url.path"));

        var everything = string.Join("\n", mine.SelectMany(s => s.TagObjects.Select(t => $"{s.OperationName} {t.Key}={t.Value}")).Concat(mine.Select(s => s.DisplayName)));
        foreach (var personal in new[] { "Zelda", "zelda", "Quintessa", "555 12 34", "telemetry-conversation-4711", "user-zelda-4711" })
        {
            Assert.DoesNotContain(personal, everything);
        }

        List<Metric> exported;
        lock (metrics) exported = metrics.ToList();
        var counted = exported.Where(m => m.Name == "partnerbot.turns").SelectMany(Points).ToList();
        Assert.Contains(counted, p => p.Tags.Contains(new KeyValuePair<string, object?>("bot.channel", "emulator")) && p.Sum >= 2);
    }

    [Fact]
    public async Task An_unknown_channel_and_activity_type_are_tagged_other_so_callers_cannot_grow_the_metrics()
    {
        var spans = new List<Activity>();
        using var app = new PartnerBotApplication();
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans))));
        var chat = new TestChat(factory.CreateClient(), "telemetry-other", "emulator", "u1", "U", null, null);
        var trace = ActivityTraceId.CreateRandom();
        var odd = chat.NewActivity("made-up-type-" + Guid.NewGuid().ToString("N"));
        odd.ChannelId = "channel-" + Guid.NewGuid().ToString("N");

        await PostAsync(chat, odd, trace, ensureSuccess: false);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        List<Activity> mine;
        lock (spans) mine = spans.Where(s => s.TraceId == trace && s.OperationName == "bot turn").ToList();
        var turn = Assert.Single(mine);
        Assert.Equal("other", turn.GetTagItem("bot.channel"));
        Assert.Equal("other", turn.GetTagItem("bot.activity.type"));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_spans_are_exported_there()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, long Length)>();
        var (collector, address) = await LoopbackServer.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue(("/v1/" + signal, context.Request.ContentType, body.Length));
            return Results.Ok();
        }));
        await using (collector)
        {
            using var app = new PartnerBotApplication(settings: new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = address,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            });
            var chat = app.Chat();
            await chat.SendAsync("hi");

            app.Services.GetRequiredService<TracerProvider>().ForceFlush();

            Assert.Contains(received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf" && r.Length > 0);
        }
    }

    private static async Task PostAsync(TestChat chat, BotActivity activity, ActivityTraceId trace, bool ensureSuccess = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: BotJson.Options) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await chat.Client.SendAsync(request);
        if (ensureSuccess) response.EnsureSuccessStatusCode();
    }

    private static List<(Dictionary<string, object?> Tags, long Sum)> Points(Metric metric)
    {
        var points = new List<(Dictionary<string, object?>, long)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
            points.Add((tags, point.GetSumLong()));
        }
        return points;
    }
}
