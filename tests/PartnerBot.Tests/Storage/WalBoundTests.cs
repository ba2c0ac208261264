using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The WAL does not keep the size it reached under load: past its limit, and once writes pause, it is emptied.</summary>
public sealed class WalBoundTests : IDisposable
{
    private const long Limit = 1024 * 1024;
    private readonly string _directory = TestDirectory.Create();

    public void Dispose() => TestDirectory.TryDelete(_directory);

    [Fact]
    public async Task After_sustained_writes_beside_busy_readers_and_a_quiet_moment_the_wal_is_below_its_limit()
    {
        var path = Path.Combine(_directory, "wal.db");
        var wal = new FileInfo(path + "-wal");
        await using var store = Stores.Sqlite(path, walLimitMegabytes: (int)(Limit / (1024 * 1024)));
        using var stopReaders = new CancellationTokenSource();
        // Readers always inside a read transaction somewhere: what keeps a PASSIVE checkpoint from starting the log over.
        var readers = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            while (!stopReaders.IsCancellationRequested) await store.Transcripts.GetTranscriptAsync($"conversation-{i}", default);
        })).ToArray();

        const int Turns = 600;
        var text = new string('w', 8000);
        long largest = 0;
        for (var turn = 0; turn < Turns; turn++)
        {
            var entries = Enumerable.Range(0, 4).Select(i => new TranscriptEntry(
                $"conversation-{turn % 8}", $"subject-{turn % 8}", TranscriptDirection.Inbound, DateTimeOffset.UtcNow,
                new Activity { Type = ActivityTypes.Message, Text = text })).ToList();
            await store.Transcripts.AppendAsync(entries, default);
            wal.Refresh();
            if (wal.Exists) largest = Math.Max(largest, wal.Length);
        }
        await stopReaders.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(largest > Limit, $"The test wrote too little to test the bound (largest WAL {largest:N0} bytes).");

        for (var wait = 0; wait < 300; wait++)
        {
            wal.Refresh();
            if (!wal.Exists || wal.Length <= Limit) break;
            await Task.Delay(200);
        }

        wal.Refresh();
        Assert.True(!wal.Exists || wal.Length <= Limit, $"The WAL is still {wal.Length:N0} bytes after writes stopped (limit {Limit:N0}).");
        var written = 0;
        for (var i = 0; i < 8; i++) written += (await store.Transcripts.GetTranscriptAsync($"conversation-{i}", default)).Count;
        Assert.Equal(Turns * 4, written);
    }
}
