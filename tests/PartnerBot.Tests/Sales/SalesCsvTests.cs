using System.Text;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>The export pages through the store: every record once, however many pages it takes.</summary>
public sealed class SalesCsvTests : IAsyncDisposable
{
    private readonly string _directory = TestDirectory.Create();
    private readonly Stores _store;

    public SalesCsvTests() => _store = Stores.Sqlite(Path.Combine(_directory, "csv.db"));

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task Every_record_is_exported_once_across_many_pages()
    {
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        for (var i = 0; i < 1234; i++)
        {
            await _store.Records.SaveFromTurnAsync(new ConversationRecord
            {
                Id = $"webchat/conversations/c{i}", ConversationId = $"c{i}", ChannelId = i % 2 == 0 ? "webchat" : "msteams",
                StartedAt = start.AddMinutes(i), LastActivityAt = start.AddMinutes(i + (i % 3 == 0 ? 0.5 : 0)), Consent = Consent.Granted, UserName = $"Person {i}",
            }, default);
        }
        using var output = new MemoryStream();

        await SalesCsv.WriteAsync(output, _store.Records, new ConversationQuery { PageSize = 100 }, default);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // By the header's name: columns are only ever added at the end.
        var idColumn = Array.IndexOf(lines[0].Split(','), "id");
        var ids = lines.Skip(1).Select(l => l.Split(',')[idColumn]).ToList();
        Assert.Equal(1234, ids.Count);
        Assert.Equal(1234, ids.Distinct().Count());
    }
}
