using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Storage;
using PartnerBot.Webhooks;

namespace PartnerBot.Benchmarks;

/// <summary>
/// The webhook outbox's sending rate (<c>--webhooks [--deliveries N]</c>): N deliveries are put into the outbox of the
/// running app (SQLite), the sender is woken, and the clock runs until a loopback receiver has answered 200 to all of
/// them. Each one is taken, signed and POSTed as in production; only the receiver is a stand-in.
/// </summary>
internal static class WebhookBenchmark
{
    /// <summary>A benchmark secret (24 bytes, whsec_ form).</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static async Task<int> RunAsync(int count)
    {
        await using var receiver = await Receiver.StartAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("partnerbot-webhooks-").FullName;
        using var bot = new BotUnderLoad(dataDirectory, new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Name"] = "bench",
            ["Webhooks:Endpoints:0:Url"] = receiver.Url,
            ["Webhooks:Endpoints:0:Secret"] = Secret,
        }, null, "Development");
        bot.StartServer();
        var outbox = bot.Services.GetRequiredService<IWebhookOutbox>();
        var now = DateTimeOffset.UtcNow;
        const string payload = """{"type":"lead.created","timestamp":"2026-12-02T10:00:00Z","data":{"lead":{"key":"bench","company":"Acme Medical","email":"ada@acme-medical.example"}}}""";
        foreach (var chunk in Enumerable.Range(0, count).Chunk(500))
        {
            await outbox.EnqueueAsync(chunk.Select(i => new WebhookDelivery($"msg_bench{i:D8}", "bench", "lead.created", null, payload, now, now.AddHours(1))).ToList(), default);
        }
        // Due from now on: the clock starts when the sender can see them.
        foreach (var chunk in (await outbox.DueAsync(now.AddHours(2), count, default)).Chunk(500))
        {
            foreach (var delivery in chunk) await outbox.UpdateAsync(delivery with { DueAt = now }, default);
        }
        var clock = Stopwatch.StartNew();
        bot.Services.GetRequiredService<WebhookSender>().Wake();
        while (receiver.Received < count && clock.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(10);
        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"PartnerBot webhook benchmark: {count} deliveries from the SQLite outbox to a loopback receiver, {Environment.ProcessorCount} cores");
        Console.WriteLine($"delivered        {receiver.Received} in {elapsed:F2} s: {receiver.Received / elapsed:F0} webhooks/s (taken, signed, POSTed, marked delivered)");
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        return receiver.Received >= count ? 0 : 1;
    }

    /// <summary>Answers 200 to every POST and counts them.</summary>
    internal sealed class Receiver : IAsyncDisposable
    {
        private WebApplication _app = null!;
        private long _received;

        public string Url { get; private set; } = "";

        public long Received => Interlocked.Read(ref _received);

        public static async Task<Receiver> StartAsync()
        {
            var receiver = new Receiver();
            (receiver._app, var address) = await LoopbackApp.StartAsync(app => app.MapPost("/hooks", async (HttpContext http) =>
            {
                await http.Request.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref receiver._received);
                return Results.Ok();
            }));
            receiver.Url = address + "hooks";
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
