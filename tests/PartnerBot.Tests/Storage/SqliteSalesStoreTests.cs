using System.Text;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The sales contract on a real SQLite file, and erasure checked in the file's bytes.</summary>
public sealed class SqliteSalesStoreTests : SalesStoreContractTests, IAsyncDisposable
{
    private readonly string _directory = TestDirectory.Create();
    private readonly SqliteStore _store;

    public SqliteSalesStoreTests() => _store = new SqliteStore(Path.Combine(_directory, "sales.db"));

    protected override IConversationRecords Records => _store;
    protected override ITranscriptStore Transcripts => _store;
    protected override IStorage State => _store;
    protected override ITurnLedger Ledger => _store;
    protected override IDirectLineLog DirectLine => _store;
    protected override IConversationErasure Erasure => _store.Erasure;
    protected override IAuditLog Audit => _store.Audit;
    protected override ISalesStatistics Statistics => _store.Statistics;

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task Erased_text_is_gone_from_the_database_file_and_its_write_ahead_log()
    {
        const string marker = "Zerubbabel Quackenbush";
        var subject = "webchat/conversations/bytes";
        await _store.SaveFromTurnAsync(Lead(subject, DateTimeOffset.UtcNow) with
        {
            ConversationId = "bytes", ContactName = marker, Company = marker + " GmbH", Email = "zq@quack.example",
            Contact = new System.Text.Json.Nodes.JsonObject { ["name"] = marker },
        }, default);
        await _store.AppendAsync([new TranscriptEntry("bytes", subject, TranscriptDirection.Inbound, DateTimeOffset.UtcNow, new BotFramework.Schema.Activity { Type = "message", Text = "My name is " + marker })], default);
        await _store.WriteAsync(subject, $"{{\"name\":\"{marker}\"}}", null, default);
        // Other people's data around it, so the pages stay in use and are rewritten rather than freed.
        for (var i = 0; i < 20; i++) await _store.SaveFromTurnAsync(Lead($"other-{i}", DateTimeOffset.UtcNow), default);
        Assert.True(Contains(marker));

        Assert.True(await _store.Erasure.EraseAsync(subject, default));

        Assert.False(Contains(marker), "The erased name is still in the database files.");
        Assert.False(Contains("zq@quack.example"), "The erased e-mail is still in the database files.");
    }

    private bool Contains(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in new[] { _store.DatabasePath, _store.DatabasePath + "-wal" })
        {
            if (!File.Exists(path)) continue;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0) return true;
        }
        return false;
    }
}
