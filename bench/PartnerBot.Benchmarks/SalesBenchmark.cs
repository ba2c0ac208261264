using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Benchmarks;

/// <summary>
/// The sales workspace under a realistic backlog: seeds N conversation records (default 100,000) straight into the
/// store, starts PartnerBot on Kestrel (local mode, loopback) and measures over HTTP the first list page, a filtered
/// page, a deep page reached by following cursors, and streaming the full CSV export.
/// Run: <c>dotnet run -c Release --project bench/PartnerBot.Benchmarks -- --sales [--leads 100000] [--requests 200]</c>
/// </summary>
internal static class SalesBenchmark
{
    private static readonly string[] Channels = ["msteams", "directline", "webchat"];
    private static readonly string[] Models = ["Cdmo", "Cmo", "CdmoThenCmo"];
    private static readonly string[] Phases = ["ProductDefinition", "DesignAndDevelopment", "DesignTransfer", "ContractManufacturing"];
    private static readonly string[] Companies = ["Acme Medical", "Beta Devices", "Contoso Implants", "Delta Diagnostics", "Epsilon Surgical", "Fabrikam Health"];

    public static async Task<int> RunAsync(int leads, int requests)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("partnerbot-sales-bench-").FullName;
        Console.WriteLine($"PartnerBot sales workspace benchmark: {leads:N0} conversations, {requests} requests per measurement");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");

        var seeding = Stopwatch.StartNew();
        await using (var database = new SqliteDatabase(BotUnderLoad.DatabasePath(dataDirectory)))
        {
            var store = new SqliteConversationRecords(database);
            await SeedAsync(store, leads);
            var stored = 0;
            for (var page = await store.QueryAsync(new ConversationQuery { PageSize = 500 }, default); ; page = await store.QueryAsync(new ConversationQuery { PageSize = 500, ContinuationToken = page.ContinuationToken }, default))
            {
                stored += page.Records.Count;
                if (page.ContinuationToken is null) break;
            }
            if (stored != leads) throw new InvalidOperationException($"Seeded {leads} records but the store lists {stored}.");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine($"seeded           {leads:N0} records in {seeding.Elapsed.TotalSeconds:F1} s; database {new FileInfo(BotUnderLoad.DatabasePath(dataDirectory)).Length / 1048576.0:F1} MB");

        // The seeded year of conversations would otherwise meet the retention job (30 days for anonymous ones) mid-run.
        var bot = new BotUnderLoad(dataDirectory, new Dictionary<string, string?> { ["Retention:AnonymousDays"] = "3650", ["Retention:LeadDays"] = "3650" }, null);
        bot.StartServer();
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        http.DefaultRequestHeaders.Add("X-PartnerBot-Sales", "1");

        await MeasureAsync(http, "first page (50)", "api/sales/conversations", requests);
        await MeasureAsync(http, "filtered page", "api/sales/conversations?status=contacted&channel=teams&model=cdmo", requests);
        await MeasureAsync(http, "search page", "api/sales/conversations?q=contoso%20lead-1", requests);
        await MeasureDeepPageAsync(http, pages: 20);

        var export = Stopwatch.StartNew();
        using (var response = await http.GetAsync("api/sales/export.csv", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            long bytes = 0, lines = 0;
            int read;
            await using var copy = Environment.GetEnvironmentVariable("PARTNERBOT_BENCH_CSV") is { Length: > 0 } path ? File.Create(path) : Stream.Null;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                await copy.WriteAsync(buffer.AsMemory(0, read));
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
            if (lines - 1 != leads) throw new InvalidOperationException($"The export has {lines - 1} rows for {leads} conversations.");
            Console.WriteLine($"CSV export       {lines - 1:N0} rows, {bytes / 1048576.0:F1} MB in {export.Elapsed.TotalSeconds:F2} s (streamed; {lines / export.Elapsed.TotalSeconds:N0} rows/s)");
        }
        Console.WriteLine($"process          peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB (seeding, bot and client together)");

        await bot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
        return 0;
    }

    private static async Task SeedAsync(IConversationRecords store, int leads)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < leads; i = Interlocked.Increment(ref next))
            {
                var at = start.AddMinutes(i * (365.0 * 24 * 60 / leads));
                var company = Companies[i % Companies.Length];
                var consent = i % 7 == 0 ? Consent.Declined : Consent.Granted;
                var contact = consent == Consent.Granted && i % 3 == 0;
                await store.SaveFromTurnAsync(new ConversationRecord
                {
                    Id = $"{Channels[i % 3]}/conversations/lead-{i}",
                    ConversationId = $"lead-{i}",
                    ChannelId = Channels[i % 3],
                    StartedAt = at,
                    LastActivityAt = at.AddMinutes(12),
                    MessageCount = 18,
                    Consent = consent,
                    UserName = consent == Consent.Declined ? null : $"Prospect lead-{i}",
                    OutcomeModel = Models[i % Models.Length],
                    OutcomePhase = Phases[i % Phases.Length],
                    Outcome = new JsonObject { ["model"] = Models[i % Models.Length], ["headline"] = "A development and manufacturing partner" },
                    Answers = new JsonObject { ["organization"] = "startup", ["maturity"] = "concept", ["completed"] = true },
                    Contact = contact ? new JsonObject { ["name"] = $"Prospect lead-{i}", ["email"] = $"lead-{i}@example.com", ["company"] = company } : null,
                    Company = contact ? company : null,
                    Email = contact ? $"lead-{i}@example.com" : null,
                    ContactName = contact ? $"Prospect lead-{i}" : null,
                    QuestionsAnswered = 11,
                    Finished = true,
                }, default);
                if (i % 10 == 0)
                {
                    await store.UpdateFollowUpAsync($"{Channels[i % 3]}/conversations/lead-{i}", f => f with { Status = FollowUpStatus.Contacted }, null, default);
                }
            }
        }));
    }

    private static async Task MeasureAsync(HttpClient http, string name, string path, int requests)
    {
        await http.GetStringAsync(path);
        var latencies = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        Report(name, latencies);
    }

    private static async Task MeasureDeepPageAsync(HttpClient http, int pages)
    {
        var latencies = new List<double>(pages);
        string? cursor = null;
        for (var i = 0; i < pages; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var page = JsonNode.Parse(await http.GetStringAsync("api/sales/conversations?limit=50" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))!;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            cursor = page["next"]?.GetValue<string>();
            if (cursor is null) break;
        }
        Report($"pages 1-{latencies.Count}", latencies);
    }

    private static void Report(string name, List<double> latencies)
    {
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine($"{name,-17}p50 {Percentile(0.50).ToString("F1", CultureInfo.InvariantCulture)} ms  p95 {Percentile(0.95).ToString("F1", CultureInfo.InvariantCulture)} ms  max {sorted[^1].ToString("F1", CultureInfo.InvariantCulture)} ms ({sorted.Length} requests)");
    }
}
