using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Counts the bot's Table requests (retries included) by kind, so the benchmark can report requests per turn and
/// show that none of them scans a table (every query names its partition).
/// </summary>
internal sealed class TableRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, int> _byKind = new();
    private int _total;
    private int _scans;

    public int Total => Volatile.Read(ref _total);

    public int Scans => Volatile.Read(ref _scans);

    public IReadOnlyDictionary<string, int> ByKind => _byKind;

    public void Reset()
    {
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _scans, 0);
        _byKind.Clear();
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _total);
        var uri = Uri.UnescapeDataString(message.Request.Uri.ToString());
        var method = message.Request.Method.ToString();
        var kind = uri.Contains("$batch", StringComparison.Ordinal) ? "batch"
            : uri.Contains("(PartitionKey=", StringComparison.Ordinal) ? $"{method} entity"
            : uri.Contains("$filter", StringComparison.Ordinal) ? "query"
            : $"{method} other";
        _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (kind == "query" && !uri.Contains("PartitionKey eq", StringComparison.Ordinal)) Interlocked.Increment(ref _scans);
    }
}
