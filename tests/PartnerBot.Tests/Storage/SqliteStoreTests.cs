using Microsoft.Data.Sqlite;
using PartnerBot.Hosting;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

public sealed class SqliteStoreTests : StoreContractTests
{
    private readonly string _directory = TestDirectory.Create();
    private readonly Lazy<Stores> _store;

    public SqliteStoreTests() => _store = new(() => Stores.Sqlite(DatabasePath));

    private string DatabasePath => Path.Combine(_directory, "store.db");

    protected override Stores Store => _store.Value;

    public override void Dispose()
    {
        if (_store.IsValueCreated) _store.Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task A_kept_statement_binds_each_run_by_its_own_values_whatever_the_last_run_bound()
    {
        var at = DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        // The same statements again and again, a parameter null in one run and text, UTF-8 or a number in the next.
        for (var i = 0; i < 4; i++)
        {
            var odd = i % 2 == 1;
            await Store.Records.SaveFromTurnAsync(new ConversationRecord
            {
                Id = $"kept-{i}", ConversationId = $"kept-{i}", ChannelId = "webchat", StartedAt = at, LastActivityAt = at.AddMinutes(i), MessageCount = i,
                TenantId = odd ? "tenant-" + i : null, Answers = odd ? null : new System.Text.Json.Nodes.JsonObject { ["n"] = i },
            }, default);
            await Store.Transcripts.AppendAsync([new TranscriptEntry($"kept-{i}", $"kept-{i}", odd ? TranscriptDirection.Outbound : TranscriptDirection.Inbound, at,
                new BotFramework.Schema.Activity { Type = "message", Id = odd ? null : "in-" + i, Text = "said " + i })], default);
        }

        for (var i = 0; i < 4; i++)
        {
            var odd = i % 2 == 1;
            var record = (await Store.Records.GetAsync($"kept-{i}", default))!;
            Assert.Equal((odd ? "tenant-" + i : null, i, at.AddMinutes(i)), (record.TenantId, record.MessageCount, record.LastActivityAt));
            Assert.Equal(odd ? null : i, record.Answers?["n"]?.GetValue<int>());
            Assert.Equal("said " + i, Assert.Single(await Store.Transcripts.GetTranscriptAsync($"kept-{i}", default)).Activity.Text);
        }
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(typeof(tenant_id) || '/' || typeof(answers_json) || '/' || typeof(message_count), ' ') FROM (SELECT * FROM conversations WHERE id LIKE 'kept-%' ORDER BY id)";
        Assert.Equal("null/text/integer text/null/integer null/text/integer text/null/integer", command.ExecuteScalar());
    }

    [Fact]
    public async Task JSON_bound_as_UTF_8_is_stored_as_text_and_read_back_character_for_character()
    {
        const string said = "Grüße 👋 <b>&amp;</b> \"quoted\" back\\slash \u2028 日本 O'Brien";
        const string subject = "webchat/conversations/utf8";
        await Store.Transcripts.AppendAsync(
            [new TranscriptEntry("utf8", subject, TranscriptDirection.Inbound, DateTimeOffset.UtcNow, new BotFramework.Schema.Activity { Type = "message", Id = "in-1", Text = said })], default);
        await Store.Records.SaveFromTurnAsync(new ConversationRecord
        {
            Id = subject, ConversationId = "utf8", ChannelId = "webchat", StartedAt = DateTimeOffset.UtcNow, LastActivityAt = DateTimeOffset.UtcNow,
            Answers = new System.Text.Json.Nodes.JsonObject { ["typed"] = said },
        }, default);
        var reply = System.Text.Json.JsonSerializer.Serialize(new BotFramework.Schema.Activity { Type = "message", Text = said }, BotFramework.Schema.BotJson.Options);
        var state = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { typed = said }, BotFramework.Schema.BotJson.Options);
        await Store.Ledger.CommitAsync(new BotFramework.Builder.TurnCommit("utf8", "in-1", new BotFramework.Builder.StateWrite(subject, state, null),
            new BotFramework.Builder.TurnRecord([reply, reply], 0, 200, null)), default);

        Assert.Equal(said, Assert.Single(await Store.Transcripts.GetTranscriptAsync("utf8", default)).Activity.Text);
        Assert.Equal(said, (await Store.Records.GetAsync(subject, default))!.Answers!["typed"]!.GetValue<string>());
        Assert.Equal([reply, reply], (await Store.Ledger.FindAsync("utf8", "in-1", default))!.Replies);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(state), (await Store.State.ReadAsync(subject, default))!.Json);

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT typeof(t.activity_json), json_extract(t.activity_json, '$.text'), typeof(c.answers_json), json_extract(c.answers_json, '$.typed'),
                   typeof(l.replies_json), json_extract(l.replies_json, '$[1].text'), typeof(s.json), json_extract(s.json, '$.typed')
            FROM transcript t, conversations c, turns l, state s
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("text", said, "text", said, "text", said, "text", said),
            (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)));
    }

    [Fact]
    public void The_schema_is_created_at_the_current_version_in_wal_mode_and_reopening_is_a_no_op()
    {
        _ = Store;
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";

        Assert.Equal(SqliteSchema.CurrentVersion, SqliteSchema.ReadVersion(connection));
        Assert.Equal("wal", mode.ExecuteScalar());
        Assert.Equal(SqliteSchema.CurrentVersion, SqliteSchema.Migrate(connection));
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused_rather_than_damaged()
    {
        _ = Store;
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = $"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1};";
            bump.ExecuteNonQuery();
        }

        var error = Assert.Throws<StartupCheckException>(() => new SqliteDatabase(DatabasePath));
        Assert.Contains("newer than this PartnerBot", error.Message);
        Assert.Contains(DatabasePath, error.Message);
    }

    [Fact]
    public async Task State_changed_underneath_the_process_is_never_written_over_and_is_read_again_after_the_conflict()
    {
        var etag = await Store.State.WriteAsync("k", """{"step":1}""", null, default);
        // Someone else changes the row (another process on the file, or a repair by hand).
        using (var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            other.Open();
            using var change = other.CreateCommand();
            change.CommandText = """UPDATE state SET json = '{"step":9}', etag = 'theirs' WHERE key = 'k'""";
            Assert.Equal(1, change.ExecuteNonQuery());
        }

        await Assert.ThrowsAsync<PartnerBot.BotFramework.Storage.ETagConflictException>(() => Store.State.WriteAsync("k", """{"step":2}""", etag, default));

        Assert.Equal(new PartnerBot.BotFramework.Storage.StoreItem("""{"step":9}""", "theirs"), await Store.State.ReadAsync("k", default));
    }

    [Fact]
    public async Task An_erased_prospects_dialog_state_is_gone_from_the_process_too()
    {
        var conversation = "erased-1";
        await Store.Records.SaveFromTurnAsync(new ConversationRecord
        {
            Id = conversation, ConversationId = conversation, ChannelId = "webchat", StartedAt = DateTimeOffset.UtcNow, LastActivityAt = DateTimeOffset.UtcNow, Consent = Consent.Granted,
        }, default);
        await Store.Ledger.CommitAsync(new PartnerBot.BotFramework.Builder.TurnCommit(conversation, "a1",
            new PartnerBot.BotFramework.Builder.StateWrite(conversation, """{"answers":"mine"}""", null), new PartnerBot.BotFramework.Builder.TurnRecord([], 0, 200, null)), default);
        Assert.NotNull(await Store.State.ReadAsync(conversation, default));

        Assert.True(await Store.Erasure.EraseAsync(conversation, default));

        Assert.Null(await Store.State.ReadAsync(conversation, default));
    }

    [Fact]
    public async Task A_briefly_locked_database_is_waited_for_not_failed()
    {
        await Store.State.WriteAsync("k", "{}", null, default);
        using var blocker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        blocker.Open();
        using var transaction = blocker.BeginTransaction(deferred: false);
        using (var hold = blocker.CreateCommand())
        {
            hold.Transaction = transaction;
            hold.CommandText = "UPDATE state SET json = '{\"held\":1}' WHERE key = 'k'";
            hold.ExecuteNonQuery();
        }

        var write = Store.State.WriteAsync("other", "{}", null, default);
        await Task.Delay(300);
        Assert.False(write.IsCompleted);
        transaction.Commit();

        Assert.False(string.IsNullOrEmpty(await write));
    }
}
