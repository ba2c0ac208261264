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
    private readonly Stores _store;

    public SqliteSalesStoreTests() => _store = Stores.Sqlite(Path.Combine(_directory, "sales.db"));

    protected override IConversationRecords Records => _store.Records;
    protected override ITranscriptStore Transcripts => _store.Transcripts;
    protected override IStorage State => _store.State;
    protected override ITurnLedger Ledger => _store.Ledger;
    protected override IDirectLineLog DirectLine => _store.DirectLine;
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
        await _store.Records.SaveFromTurnAsync(Lead(subject, DateTimeOffset.UtcNow) with
        {
            ConversationId = "bytes", ContactName = marker, Company = marker + " GmbH", Email = "zq@quack.example",
            Contact = new System.Text.Json.Nodes.JsonObject { ["name"] = marker },
        }, default);
        await _store.Transcripts.AppendAsync([new TranscriptEntry("bytes", subject, TranscriptDirection.Inbound, DateTimeOffset.UtcNow, new BotFramework.Schema.Activity { Type = "message", Text = "My name is " + marker })], default);
        await _store.State.WriteAsync(subject, $"{{\"name\":\"{marker}\"}}", null, default);
        // Other people's data around it, so the pages stay in use and are rewritten rather than freed.
        for (var i = 0; i < 20; i++) await _store.Records.SaveFromTurnAsync(Lead($"other-{i}", DateTimeOffset.UtcNow), default);
        Assert.True(Contains(marker));

        Assert.True(await _store.Erasure.EraseAsync(subject, default));

        Assert.False(Contains(marker), "The erased name is still in the database files.");
        Assert.False(Contains("zq@quack.example"), "The erased e-mail is still in the database files.");
    }

    /// <summary>Takes a current database back to schema version 4 (before the sales workspace, the lead alerts, live chats, webhooks and booked calls).</summary>
    internal const string UndoVersion5 =
        """
        DROP TABLE webhook_endpoints;
        ALTER TABLE conversations DROP COLUMN meeting_json;
        DROP TABLE webhook_outbox;
        DROP TABLE live_chat_threads;
        DROP TABLE live_chats;
        DROP TABLE alert_subscriptions;
        DROP TABLE alert_outbox;
        DROP INDEX ix_conversations_email;
        DROP INDEX ix_conversations_owner;
        DROP TABLE erased_conversations;
        DROP TABLE audit;
        ALTER TABLE conversations DROP COLUMN outcome_phase;
        ALTER TABLE conversations DROP COLUMN company;
        ALTER TABLE conversations DROP COLUMN email;
        ALTER TABLE conversations DROP COLUMN contact_name;
        ALTER TABLE conversations DROP COLUMN questions_answered;
        ALTER TABLE conversations DROP COLUMN finished;
        ALTER TABLE conversations DROP COLUMN search_text;
        ALTER TABLE conversations DROP COLUMN owner_id;
        ALTER TABLE conversations DROP COLUMN follow_up_json;
        ALTER TABLE conversations DROP COLUMN sales_version;
        """;

    [Fact]
    public async Task A_database_from_before_the_workspace_gets_its_contacts_searchable_and_closed_leads_become_lost()
    {
        var path = Path.Combine(_directory, "v4.db");
        await Stores.Sqlite(path).DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = UndoVersion5 + """
                INSERT INTO conversations (id, conversation_id, channel_id, started_at, last_activity_at, message_count, consent, contact_json, follow_up_status, notes)
                VALUES ('webchat/conversations/old', 'old', 'webchat', '2026-06-01T00:00:00.0000000Z', '2026-06-01T00:10:00.0000000Z', 12, 'Granted',
                    '{"name":"Olga Older","email":"olga@old.example","company":"Old Devices"}', 'Closed', 'called in June');
                PRAGMA user_version = 4;
                """;
            command.ExecuteNonQuery();
        }

        await using var upgraded = Stores.Sqlite(path);

        var record = (await upgraded.Records.GetAsync("webchat/conversations/old", default))!;
        Assert.Equal(("Old Devices", "olga@old.example", "Olga Older", FollowUpStatus.Lost), (record.Company, record.Email, record.ContactName, record.FollowUpStatus));
        Assert.Single((await upgraded.Records.QueryAsync(new ConversationQuery { Search = "olga devices" }, default)).Records);
        Assert.Single((await upgraded.Records.QueryAsync(new ConversationQuery { Email = "OLGA@old.example" }, default)).Records);
    }

    [Fact]
    public async Task A_turn_sees_a_row_another_connection_changed_after_this_process_last_saved_it()
    {
        const string subject = "webchat/conversations/elsewhere";
        var day = DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await _store.Records.SaveFromTurnAsync(Lead(subject, day), default);
        var read = (await _store.Records.GetForTurnAsync(subject, default))!;
        await _store.Records.SaveFromTurnAsync(read with { LastActivityAt = day.AddMinutes(1), MessageCount = 2, Answers = new System.Text.Json.Nodes.JsonObject { ["organization"] = "Startup" } }, default);
        Assert.Equal("Startup", (await _store.Records.GetForTurnAsync(subject, default))!.Answers!["organization"]!.GetValue<string>());

        // Another process on the same file writes the row as a turn would: its own last activity, its own answers.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_store.Database!.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 3000; UPDATE conversations SET answers_json = '{\"organization\":\"Enterprise\"}', last_activity_at = '2026-11-02T09:02:00.0000000Z' WHERE id = $id";
            command.Parameters.AddWithValue("$id", subject);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var fresh = (await _store.Records.GetForTurnAsync(subject, default))!;
        Assert.Equal("Enterprise", fresh.Answers!["organization"]!.GetValue<string>());
        Assert.Equal(day.AddMinutes(2), fresh.LastActivityAt);
    }

    [Fact]
    public async Task A_turn_saving_over_a_row_another_process_wrote_meanwhile_leaves_the_row_and_the_next_read_alike()
    {
        const string subject = "webchat/conversations/race";
        var day = DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await _store.Records.SaveFromTurnAsync(Lead(subject, day) with { Answers = new System.Text.Json.Nodes.JsonObject { ["organization"] = "Startup" } }, default);
        var read = (await _store.Records.GetForTurnAsync(subject, default))!;

        // While this turn runs, another process's turn of the same conversation stores other answers.
        Execute("UPDATE conversations SET answers_json = '{\"organization\":\"Enterprise\"}', message_count = 2, last_activity_at = '2026-11-02T09:00:30.0000000Z' WHERE id = $id", subject);
        // This turn did not change the answers it read.
        await _store.Records.SaveFromTurnAsync(read with { LastActivityAt = day.AddMinutes(1), MessageCount = 2 }, default);

        var stored = (await _store.Records.GetAsync(subject, default))!;
        Assert.Equal(day.AddMinutes(1), stored.LastActivityAt);
        AssertSameRecord(stored, (await _store.Records.GetForTurnAsync(subject, default))!);
    }

    [Fact]
    public async Task An_erased_record_is_not_kept_in_the_process_even_if_a_row_of_the_same_id_comes_back_looking_alike()
    {
        const string subject = "webchat/conversations/erased-kept";
        await _store.Records.SaveFromTurnAsync(Lead(subject, DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture)) with
        {
            Contact = new System.Text.Json.Nodes.JsonObject { ["email"] = "erase.me@acme.example" }, Email = "erase.me@acme.example",
        }, default);
        Assert.NotNull((await _store.Records.GetForTurnAsync(subject, default))!.Contact);

        Assert.True(await _store.Erasure.EraseAsync(subject, default));
        // A new row under the same id, with the same version, message count and last activity as the erased one.
        Execute(
            """
            INSERT INTO conversations (id, conversation_id, channel_id, started_at, last_activity_at, message_count, consent, follow_up_status)
            VALUES ($id, $id, 'webchat', '2026-11-02T09:00:00.0000000Z', '2026-11-02T09:00:00.0000000Z', 1, 'Unknown', 'New')
            """, subject);

        var read = (await _store.Records.GetForTurnAsync(subject, default))!;
        Assert.Null(read.Contact);
        Assert.Null(read.Email);
        Assert.Equal(Consent.Unknown, read.Consent);
    }

    /// <summary>A statement on the file from another connection, as another process would run it.</summary>
    private void Execute(string sql, string id)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_store.Database!.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 3000; " + sql;
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private bool Contains(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in new[] { _store.Database!.DatabasePath, _store.Database!.DatabasePath + "-wal" })
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
