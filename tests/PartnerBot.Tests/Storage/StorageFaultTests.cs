using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.Bot;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// What happens to the embedded database underneath the running bot: deleted, replaced by another file, a full disk,
/// a file that can no longer be written, damaged pages. Readiness tells the truth about each (the platform stops
/// routing to an instance that cannot store), turns get the storage-unavailable answer rather than being accepted
/// and lost, and a deleted database is never quietly replaced by an empty one.
/// </summary>
public sealed class StorageFaultTests
{
    private const string Ready = "/healthz/ready";

    [Fact]
    public async Task A_database_deleted_while_running_is_noticed_within_seconds_and_refused_at_the_restart()
    {
        var directory = TestDirectory.Create();
        var logs = new CriticalLogs();
        try
        {
            using (var app = new PartnerBotApplication(directory, services: s => s.AddSingleton<ILoggerProvider>(logs)))
            {
                var chat = app.Chat();
                (await chat.SendAsync("hi")).Expect("May we keep this conversation");
                await AssertReadyAsync(app, HttpStatusCode.OK);

                // As "rm partnerbot.db*" on a live instance: its open connections would go on writing into a file
                // that no longer has a name.
                foreach (var file in Directory.EnumerateFiles(directory, "partnerbot.db*")) File.Delete(file);

                await WaitForReadinessAsync(app, HttpStatusCode.ServiceUnavailable);
                await AssertStorageUnavailableAsync(chat);
                Assert.Contains(logs.Messages, m => m.Contains("deleted", StringComparison.Ordinal) && m.Contains(app.DatabasePath, StringComparison.Ordinal));
                Assert.False(File.Exists(app.DatabasePath), "The running bot made a new database file.");
            }

            using var restarted = new PartnerBotApplication(directory);
            Assert.Contains("created here before", StartupFailure.Of(restarted));
            Assert.False(File.Exists(restarted.DatabasePath), "The restart made an empty database in place of the lost one.");
        }
        finally
        {
            TestDirectory.TryDelete(directory);
        }
    }

    [Fact]
    public async Task A_database_replaced_by_another_while_running_stores_nothing_more()
    {
        using var app = new PartnerBotApplication();
        var chat = app.Chat();
        (await chat.SendAsync("hi")).Expect("May we keep this conversation");
        var otherDirectory = TestDirectory.Create();
        using (var other = new PartnerBotApplication(otherDirectory)) (await other.Chat().SendAsync("hi")).Expect("May we keep this conversation");

        // Another PartnerBot database (a restore of the wrong backup, a copy from another instance) moved into place;
        // then the idle connections dropped, as the pool does after a while, so that the next one opens whatever the
        // path names now.
        File.Move(Path.Combine(otherDirectory, "partnerbot.db"), app.DatabasePath, overwrite: true);
        TestDirectory.TryDelete(otherDirectory);
        SqliteConnection.ClearAllPools();
        var before = RowsOf(app.DatabasePath, chat.ConversationId);
        var movedBytes = System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(app.DatabasePath));

        // The very next message is refused, not taken in and written where it could never be found again (the file's
        // identity is checked as each connection opens and before each commit); then readiness fails and every
        // message after it is turned away at the door.
        // Refused either at the door (503, when the checkpointer's or the watch's own look got there first) or by the
        // turn's first write (the apology); never answered with the next question.
        using (var next = await chat.PostAsync(chat.NewMessage("yes")))
        {
            if (next.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(HttpStatusCode.OK, next.StatusCode);
                (await TestChat.RepliesOf(next)).Expect(TurnErrorHandler.StorageApology).ExpectNot("Question");
            }
        }
        await WaitForReadinessAsync(app, HttpStatusCode.ServiceUnavailable);
        await AssertStorageUnavailableAsync(chat);
        // Nothing of the refused messages went into the other database (nor anywhere it could be found again).
        Assert.Equal(before, RowsOf(app.DatabasePath, chat.ConversationId));
        // Nor did anything else reach it: the file is byte for byte as it was moved in.
        Assert.Equal(movedBytes, System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(app.DatabasePath)));
    }

    /// <summary>
    /// Rows of the conversation in the database file itself. Read as immutable: the write-ahead log and shared memory
    /// beside the path are the running app's, of its own database, and a reader opening the moved file normally would
    /// read that log over it (seeing the app's rows, none, or an I/O error, depending on how far it was checkpointed).
    /// </summary>
    private static long RowsOf(string database, string conversationId)
    {
        using var reading = new SqliteConnection($"Data Source=file:{database}?immutable=1;Mode=ReadOnly;Pooling=False");
        reading.Open();
        using var count = reading.CreateCommand();
        count.CommandText = "SELECT (SELECT count(*) FROM transcript WHERE conversation_id = $id) + (SELECT count(*) FROM turns WHERE conversation_id = $id)";
        count.Parameters.AddWithValue("$id", conversationId);
        return (long)count.ExecuteScalar()!;
    }

    [SmallDiskFact]
    public async Task A_full_disk_fails_readiness_until_space_is_freed_and_the_message_is_answered_when_sent_again()
    {
        using var disk = new SmallDisk(8);
        using var app = new PartnerBotApplication(disk.Path);
        var chat = app.Chat();
        (await chat.SendAsync("hi")).Expect("May we keep this conversation");
        await AssertReadyAsync(app, HttpStatusCode.OK);

        disk.Fill();
        var answer = chat.NewMessage("yes");
        (await chat.SendAsync(answer)).Expect(TurnErrorHandler.StorageApology).ExpectNot("Question");
        await AssertReadyAsync(app, HttpStatusCode.ServiceUnavailable);

        disk.Free();
        await WaitForReadinessAsync(app, HttpStatusCode.OK);
        (await chat.SendAsync(answer)).Expect("Question 1 of ");
    }

    [SmallDiskFact]
    public async Task A_database_file_that_cannot_be_written_fails_readiness_until_it_can()
    {
        using var disk = new SmallDisk(8);
        using var app = new PartnerBotApplication(disk.Path);
        (await app.Chat().SendAsync("hi")).Expect("May we keep this conversation");
        await AssertReadyAsync(app, HttpStatusCode.OK);

        // Not even root opens an immutable file for writing: what a read-only volume is to a process starting now.
        var files = Directory.EnumerateFiles(disk.Path, "partnerbot.db*").ToList();
        foreach (var file in files) SmallDisk.Immutable(file, true);
        await AssertReadyAsync(app, HttpStatusCode.ServiceUnavailable);

        foreach (var file in files) SmallDisk.Immutable(file, false);
        await WaitForReadinessAsync(app, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_damaged_database_fails_readiness_and_keeps_failing_it()
    {
        using var app = new PartnerBotApplication();
        (await app.Chat().SendAsync("hi")).Expect("May we keep this conversation");
        await AssertReadyAsync(app, HttpStatusCode.OK);

        // Everything in the file itself, then every page after the header overwritten, as a bad sector or a stray write.
        using (var checkpoint = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            checkpoint.Open();
            using var command = checkpoint.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }
        using (var file = new FileStream(app.DatabasePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            var garbage = new byte[file.Length - 4096];
            Array.Fill(garbage, (byte)0xA5);
            file.Position = 4096;
            file.Write(garbage);
        }

        await AssertReadyAsync(app, HttpStatusCode.ServiceUnavailable);
        // Damage does not heal: the next look says the same, though nothing failed in between.
        await AssertReadyAsync(app, HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>The channel is told to send the message again later; nothing of it is taken in.</summary>
    private static async Task AssertStorageUnavailableAsync(TestChat chat)
    {
        using var refused = await chat.PostAsync(chat.NewMessage("yes"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private static async Task AssertReadyAsync(PartnerBotApplication app, HttpStatusCode expected)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(Ready);
        Assert.Equal(expected, response.StatusCode);
    }

    private static Task WaitForReadinessAsync(PartnerBotApplication app, HttpStatusCode expected) =>
        Eventually.WaitUntilAsync(async () =>
        {
            using var client = app.CreateClient();
            using var response = await client.GetAsync(Ready);
            return response.StatusCode == expected;
        }, $"readiness to answer {(int)expected}");
}
