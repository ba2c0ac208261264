using System.Collections.Concurrent;
using System.Diagnostics;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Where a turn's time goes, from the app's own spans: the bot turn, each storage operation (its time includes the
/// wait for the write queue's group commit), the Connector POSTs and the HTTP request itself. Listening costs a little,
/// so <c>--breakdown</c> is a run of its own, best with one conversation (no queueing behind other turns).
/// </summary>
internal sealed class SpanBreakdown : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (long Count, double Milliseconds)> _spans = new();
    private volatile bool _recording;

    public SpanBreakdown()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("PartnerBot", StringComparison.Ordinal) || source.Name is "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (!_recording) return;
                var name = activity.Source.Name switch
                {
                    // Server spans are named by their route once routed; the stub's route is the Connector's.
                    "Microsoft.AspNetCore" => activity.DisplayName.Contains("/api/messages", StringComparison.Ordinal)
                        ? "/api/messages, request in to response out"
                        : "Connector stub, request in to response out",
                    // A client span inside a bot turn is the bot's; the load driver's have no parent in this process.
                    "System.Net.Http" => activity.Parent is null ? "load driver's POST /api/messages" : "bot's Connector POST (one reply)",
                    _ => activity.DisplayName,
                };
                _spans.AddOrUpdate(name, (1, activity.Duration.TotalMilliseconds), (_, v) => (v.Count + 1, v.Milliseconds + activity.Duration.TotalMilliseconds));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    public void Print(long turns)
    {
        Console.WriteLine("span breakdown   per turn, mean ms (count per turn); spans nest, so the rows do not add up");
        foreach (var (name, (count, ms)) in _spans.OrderByDescending(s => s.Value.Milliseconds))
        {
            Console.WriteLine($"  {ms / Math.Max(1, turns),7:F3} ms  ({(double)count / Math.Max(1, turns):F2})  {name}");
        }
    }

    public void Dispose() => _listener.Dispose();
}
