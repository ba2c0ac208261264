using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

public sealed class SqliteDirectLineLogTests : DirectLineLogContractTests
{
    private readonly string _directory = TestDirectory.Create();
    private readonly Lazy<Stores> _store;

    public SqliteDirectLineLogTests() => _store = new(() => Stores.Sqlite(DatabasePath));

    private string DatabasePath => Path.Combine(_directory, "store.db");

    protected override IDirectLineLog Log => _store.Value.DirectLine;

    public override void Dispose()
    {
        if (_store.IsValueCreated) _store.Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task A_log_written_before_the_byte_bound_is_measured_when_the_schema_moves_forward()
    {
        // A database from before the byte bound (version 3): the current schema without what versions 4 and 5
        // added, holding two activities of 2,000 characters.
        await Stores.Sqlite(DatabasePath).DisposeAsync();
        // Its idle pooled connections would keep the schema they knew; a restarted process has none.
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $$"""
                ALTER TABLE directline_activities DROP COLUMN size;
                ALTER TABLE directline_conversations DROP COLUMN kept_bytes;
                {{SqliteSalesStoreTests.UndoVersion5}}
                INSERT INTO directline_conversations VALUES ('c1', 'dl_u', '2026-01-01T00:00:00.0000000Z', 2);
                INSERT INTO directline_activities VALUES ('c1', 1, '{"type":"message","text":"' || printf('%.2000c', 'a') || '"}');
                INSERT INTO directline_activities VALUES ('c1', 2, '{"type":"message","text":"' || printf('%.2000c', 'b') || '"}');
                PRAGMA user_version = 3;
                """;
            command.ExecuteNonQuery();
        }
        await using var reopened = Stores.Sqlite(DatabasePath);

        // A budget of 4,500 bytes holds the two old activities, but not a third one of the same size.
        await reopened.DirectLine.AppendAsync("c1", new Activity { Type = ActivityTypes.Message, Text = new string('c', 2000) }, new DirectLineRetention(100, 4500), default);

        var (kept, watermark) = await reopened.DirectLine.ReadAsync("c1", null, new DirectLinePage(100, long.MaxValue), default);
        Assert.Equal([new string('b', 2000), new string('c', 2000)], kept.Select(a => a.Text));
        Assert.Equal(3, watermark);
    }
}
