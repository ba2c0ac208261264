using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using PartnerBot.BotFramework.Schema;
using Activity = PartnerBot.BotFramework.Schema.Activity;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Drives N concurrent conversations through the advisor's waterfall over HTTP POST /api/messages, with the
/// bot posting its replies to a loopback Connector stub and logging everything to SQLite (or Azure Table storage
/// with <c>--storage azure-table</c>), then prints throughput, latency percentiles, allocations and, for Table
/// storage, requests per turn. With <c>--ceiling</c>, a bare Kestrel endpoint runs the same load in alternating rounds and
/// the figures are printed as ratios of it too. With <c>--floor</c>, the guarantees alone (<see cref="GuaranteeFloorEndpoint"/>)
/// run in the same rounds: what any turn that keeps every promise of the README costs here.
/// </summary>
internal static class TurnBenchmark
{
    private const int QuietSeconds = 3;

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--sales")) return await SalesBenchmark.RunAsync(Option("--leads", 100_000), Option("--requests", 200));
        if (args.Contains("--webhooks")) return await WebhookBenchmark.RunAsync(Option("--deliveries", 5000));
        if (args.Contains("--relay")) return await RelayBenchmark.RunAsync(Text("--storage", "sqlite") == "azure-table", Option("--messages", 200), Option("--warmup", 20));
        if (args.Contains("--understanding")) return UnderstandingBenchmark.Run(Option("--rounds", 200), Option("--passages", 500));
        var conversations = Option("--conversations", 32);
        var seconds = Option("--seconds", 20);
        var warmupSeconds = Option("--warmup", 5);
        // "connector" (default): replies are POSTed to the loopback Connector stub, as for Teams or Azure Bot Service.
        // "expectReplies": replies come back in the HTTP response, isolating the bot from outbound HTTP.
        var expectReplies = args.Contains("--expect-replies");
        // "sqlite" (default) or "azure-table": Azurite from tests/js is started unless --connection-string is given.
        var storage = Text("--storage", "sqlite");
        var azureTable = storage == "azure-table";
        if (!azureTable && storage != "sqlite") throw new ArgumentException("--storage is sqlite or azure-table.");

        // One assessment, answered the way a prospect clicking buttons would (or, with --typed, typing sentences); then
        // the conversation starts over.
        string[] script = args.Contains("--typed")
            ?
            [
                "hi", "yes that's fine", "we are a small startup, just the two founders", "just an idea so far, nothing built yet", "EU only for now", "probably 2a",
                "no, not defined yet", "we are not certified and have nothing set up", "we have engineering and electronics, but no regulatory or quality",
                "getting to market fast", "about 5000 a year", "in about 18 months", "Munich", "sure go ahead", "partly, we know our strengths but not all the gaps",
                "yes, all on the same page", "i think so", "absolutely, challenge us",
            ]
            :
            [
                "hi", "yes", "startup", "idea", "EU", "IIa", "not yet", "no", "product engineering, electronics", "time to market",
                "1,000 - 10,000", "in 1-2 years", "europe", "sure", "partly", "yes", "yes", "yes",
            ];

        var dataDirectory = Directory.CreateTempSubdirectory("partnerbot-bench-").FullName;
        await using var connector = await ConnectorStub.StartAsync();
        await using var azurite = azureTable && Text("--connection-string", "") == "" ? await AzuriteProcess.StartAsync() : null;
        var counter = azureTable ? new TableRequestCounter() : null;
        var settings = new Dictionary<string, string?>();
        if (azureTable)
        {
            settings["Storage:Provider"] = "AzureTable";
            settings["Storage:ConnectionString"] = azurite?.ConnectionString ?? Text("--connection-string", "");
            settings["Storage:TablePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8];
        }
        // --with-webhooks: every finished assessment also goes to a loopback webhook receiver (plain http, so the app runs in
        // Development; compare with --development alone).
        await using var webhookReceiver = args.Contains("--with-webhooks") ? await WebhookBenchmark.Receiver.StartAsync() : null;
        if (webhookReceiver is not null)
        {
            settings["Webhooks:Endpoints:0:Url"] = webhookReceiver.Url;
            settings["Webhooks:Endpoints:0:Secret"] = WebhookBenchmark.Secret;
        }
        // --set Key=Value (repeatable): any app setting, for trying a change under the same load.
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value]) settings[key] = value;
        }
        var bot = new BotUnderLoad(dataDirectory, settings, counter, args.Contains("--development") || webhookReceiver is not null ? "Development" : "Production");
        bot.StartServer();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations * 2 }) { BaseAddress = bot.BaseAddress };
        // --ceiling: a bare Kestrel endpoint that parses the activity and posts one reply, driven by the same load in
        // alternating rounds, so that the figures are also printed as ratios of what this machine can do at all.
        await using var ceiling = args.Contains("--ceiling") ? await CeilingEndpoint.StartAsync(conversations * 2) : null;
        using var ceilingHttp = ceiling is null ? null : new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations * 2 }) { BaseAddress = ceiling.BaseAddress };
        var rounds = Option("--rounds", ceiling is null && !args.Contains("--floor") ? 1 : 4);
        // --fresh: every pass through the script is a new conversation (new state, record and transcript), so that
        // memory can be watched over thousands of them; the heap after each round is printed.
        var fresh = args.Contains("--fresh");
        var conversationsStarted = 0L;
        using var breakdown = args.Contains("--breakdown") ? new SpanBreakdown() : null;

        Console.WriteLine($"PartnerBot turn benchmark: {conversations} concurrent conversations, {warmupSeconds}s warm-up, {seconds}s measured, answers {(args.Contains("--typed") ? "typed as sentences" : "as clicked")}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine("bot: Kestrel on loopback, " + (azureTable ? (azurite is null ? "Azure Table storage" : "Azure Table storage on Azurite (in memory, loopback)") : "SQLite (WAL)") + " transcript + state + records + ledger; " +
            (expectReplies ? "replies returned in the HTTP response (expectReplies)" : "replies posted to a loopback Connector stub"));

        var wal = new WalSizeSampler(BotUnderLoad.DatabasePath(dataDirectory));
        var warmup = await RunAsync(http, TimeSpan.FromSeconds(warmupSeconds));
        if (ceilingHttp is not null) await RunAsync(ceilingHttp, TimeSpan.FromSeconds(warmupSeconds));
        // --floor: the guarantees alone (GuaranteeFloorEndpoint), on the bot's own state, replies and record as sampled
        // after its warm-up, in rounds alternating with the bot's and the ceiling's.
        await using var floor = args.Contains("--floor") && !azureTable ? await GuaranteeFloorEndpoint.StartAsync(BotUnderLoad.DatabasePath(dataDirectory), script.Length, conversations * 2) : null;
        using var floorHttp = floor is null ? null : new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations * 2 }) { BaseAddress = floor.BaseAddress };
        if (floorHttp is not null) await RunAsync(floorHttp, TimeSpan.FromSeconds(warmupSeconds));
        counter?.Reset();
        long allocated = 0, replies = 0, ceilingAllocated = 0;
        var measured = (Latencies: new List<double>(), Errors: 0, Elapsed: TimeSpan.Zero);
        var ceilingMeasured = (Latencies: new List<double>(), Errors: 0, Elapsed: TimeSpan.Zero);
        var floorMeasured = (Latencies: new List<double>(), Errors: 0, Elapsed: TimeSpan.Zero);
        long floorAllocated = 0;
        for (var round = 0; round < rounds; round++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var repliesBefore = connector.Received;
            breakdown?.Start();
            var part = await RunAsync(http, TimeSpan.FromSeconds((double)seconds / rounds));
            breakdown?.Stop();
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            replies += connector.Received - repliesBefore;
            measured = (measured.Latencies.Concat(part.Latencies).ToList(), measured.Errors + part.Errors, measured.Elapsed + part.Elapsed);
            if (fresh)
            {
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                Console.WriteLine($"round {round + 1}          {Interlocked.Read(ref conversationsStarted):N0} conversations so far; heap after a full GC {heap / 1048576.0:F1} MB, working set {Environment.WorkingSet / 1048576.0:F0} MB");
            }
            if (floorHttp is not null)
            {
                var floorBefore = GC.GetTotalAllocatedBytes(precise: true);
                var kept = await RunAsync(floorHttp, TimeSpan.FromSeconds((double)seconds / rounds));
                floorAllocated += GC.GetTotalAllocatedBytes(precise: true) - floorBefore;
                floorMeasured = (floorMeasured.Latencies.Concat(kept.Latencies).ToList(), floorMeasured.Errors + kept.Errors, floorMeasured.Elapsed + kept.Elapsed);
            }
            if (ceilingHttp is null) continue;
            var ceilingBefore = GC.GetTotalAllocatedBytes(precise: true);
            var bare = await RunAsync(ceilingHttp, TimeSpan.FromSeconds((double)seconds / rounds));
            ceilingAllocated += GC.GetTotalAllocatedBytes(precise: true) - ceilingBefore;
            ceilingMeasured = (ceilingMeasured.Latencies.Concat(bare.Latencies).ToList(), ceilingMeasured.Errors + bare.Errors, ceilingMeasured.Elapsed + bare.Elapsed);
        }
        // The bot keeps running: after a quiet moment its checkpointer should have emptied the WAL.
        await Task.Delay(TimeSpan.FromSeconds(QuietSeconds));
        await wal.DisposeAsync();

        var latencies = measured.Latencies.Order().ToArray();
        double Percentile(double p) => PercentileOf(latencies, p);
        Console.WriteLine();
        Console.WriteLine($"turns            {latencies.Length} ({measured.Errors} errors; warm-up turns {warmup.Latencies.Count})");
        Console.WriteLine($"throughput       {latencies.Length / measured.Elapsed.TotalSeconds:F0} turns/s, {replies / measured.Elapsed.TotalSeconds:F0} replies/s to the connector");
        if (webhookReceiver is not null) Console.WriteLine($"webhooks         {webhookReceiver.Received} received by the loopback receiver");
        Console.WriteLine($"latency (ms)     p50 {Percentile(0.50):F2}  p95 {Percentile(0.95):F2}  p99 {Percentile(0.99):F2}  max {latencies.LastOrDefault():F2}");
        Console.WriteLine($"allocated        {allocated / Math.Max(1, latencies.Length):N0} bytes/turn (whole process: bot + load client + connector stub)");
        breakdown?.Print(latencies.Length);
        if (ceilingHttp is not null)
        {
            var bare = ceilingMeasured.Latencies.Order().ToArray();
            var ceilingThroughput = bare.Length / ceilingMeasured.Elapsed.TotalSeconds;
            Console.WriteLine($"ceiling          {ceilingThroughput:F0} turns/s, p50 {PercentileOf(bare, 0.50):F2}  p95 {PercentileOf(bare, 0.95):F2}  p99 {PercentileOf(bare, 0.99):F2} ms ({ceilingMeasured.Errors} errors; bare Kestrel, parse + one reply, {rounds} rounds alternating with the bot's)");
            // The same process, the same load driver and stub: what the bare endpoint allocates per turn is what the bot's figure includes besides the bot.
            Console.WriteLine($"ceiling alloc    {ceilingAllocated / Math.Max(1, bare.Length):N0} bytes/turn (load client + stub + Kestrel, one reply per turn)");
            Console.WriteLine($"ratio            throughput {latencies.Length / measured.Elapsed.TotalSeconds / ceilingThroughput:P0} of the ceiling; p50 {Percentile(0.50) / PercentileOf(bare, 0.50):F1}x, p99 {Percentile(0.99) / PercentileOf(bare, 0.99):F1}x the ceiling's");
        }
        if (floorHttp is not null)
        {
            var kept = floorMeasured.Latencies.Order().ToArray();
            var floorThroughput = kept.Length / floorMeasured.Elapsed.TotalSeconds;
            Console.WriteLine($"floor            {floorThroughput:F0} turns/s, p50 {PercentileOf(kept, 0.50):F2}  p95 {PercentileOf(kept, 0.95):F2}  p99 {PercentileOf(kept, 0.99):F2} ms, {floorAllocated / Math.Max(1, kept.Length):N0} bytes/turn ({floorMeasured.Errors} errors; the guarantees alone: the bot's storage calls and replies, nothing else)");
            Console.WriteLine($"bot / floor      throughput {latencies.Length / measured.Elapsed.TotalSeconds / floorThroughput:P0} of the floor; p50 {Percentile(0.50) / PercentileOf(kept, 0.50):F1}x, p99 {Percentile(0.99) / PercentileOf(kept, 0.99):F1}x the floor's");
            if (ceilingHttp is not null)
            {
                var bare = ceilingMeasured.Latencies.Order().ToArray();
                Console.WriteLine($"floor / ceiling  throughput {floorThroughput / (bare.Length / ceilingMeasured.Elapsed.TotalSeconds):P0} of the ceiling; p50 {PercentileOf(kept, 0.50) / PercentileOf(bare, 0.50):F1}x, p99 {PercentileOf(kept, 0.99) / PercentileOf(bare, 0.99):F1}x the ceiling's");
            }
        }
        if (File.Exists(BotUnderLoad.DatabasePath(dataDirectory)))
        {
            Console.WriteLine($"WAL (MB)         max {wal.Largest / 1048576.0:F1} during the run, {wal.Current / 1048576.0:F1} after {QuietSeconds} s idle; database {new FileInfo(BotUnderLoad.DatabasePath(dataDirectory)).Length / 1048576.0:F1}");
        }
        if (counter is not null)
        {
            var kinds = string.Join(", ", counter.ByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {(double)k.Value / Math.Max(1, latencies.Length):F2}"));
            Console.WriteLine($"table requests   {(double)counter.Total / Math.Max(1, latencies.Length):F2} per turn ({kinds}); {counter.Scans} queries without a partition");
        }

        await bot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
        return measured.Errors == 0 ? 0 : 1;

        async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> RunAsync(HttpClient target, TimeSpan duration)
        {
            var deadline = Stopwatch.StartNew();
            var all = new List<double>[conversations];
            var errors = 0;
            var runId = Guid.NewGuid().ToString("N")[..8];
            await Task.WhenAll(Enumerable.Range(0, conversations).Select(async worker =>
            {
                var mine = all[worker] = new List<double>(4096);
                var conversation = $"bench-{runId}-{worker}";
                for (var turn = 0; deadline.Elapsed < duration; turn++)
                {
                    if (fresh && turn % script.Length == 0)
                    {
                        conversation = $"bench-{runId}-{worker}-{turn / script.Length}";
                        Interlocked.Increment(ref conversationsStarted);
                    }
                    var activity = new Activity
                    {
                        Type = ActivityTypes.Message,
                        Id = $"{turn}",
                        ChannelId = "webchat",
                        ServiceUrl = connector.ServiceUrl.ToString(),
                        DeliveryMode = expectReplies ? DeliveryModes.ExpectReplies : null,
                        From = new ChannelAccount { Id = $"user-{worker}", Name = "Bench User" },
                        Recipient = new ChannelAccount { Id = "partnerbot", Name = "PartnerBot" },
                        Conversation = new ConversationAccount { Id = conversation },
                        Text = script[turn % script.Length],
                        Locale = "en-US",
                    };
                    var started = Stopwatch.GetTimestamp();
                    using var response = await target.PostAsJsonAsync("api/messages", activity, BotJson.Options);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (response.IsSuccessStatusCode) mine.Add(elapsed);
                    else Interlocked.Increment(ref errors);
                }
            }));
            return (all.SelectMany(l => l).ToList(), errors, deadline.Elapsed);
        }

        static double PercentileOf(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

        string Text(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Option(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}
