using System.Net;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.Storage;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Dialogs;

/// <summary>Dialog state and transcripts survive restarts, concurrent turns and several people in one conversation.</summary>
public sealed class StateDurabilityTests
{
    [Fact]
    public async Task A_restarted_bot_continues_at_the_same_question()
    {
        var directory = TestDirectory.Create();
        try
        {
            using (var before = new PartnerBotApplication(directory))
            {
                var chat = before.Chat(conversationId: "restart-1");
                await chat.SendAsync("hi");
                await chat.SendAsync("yes");
                (await chat.SendAsync("startup")).Expect("Question 2 of ");
            }

            using var after = new PartnerBotApplication(directory);
            var resumed = after.Chat(conversationId: "restart-1");
            (await resumed.SendAsync("proof of concept")).Expect("Question 3 of ");
            var transcript = await after.Store.Transcripts.GetTranscriptAsync("restart-1", default);
            Assert.Equal(["hi", "yes", "startup", "proof of concept"], transcript.Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text));
        }
        finally
        {
            TestDirectory.TryDelete(directory);
        }
    }

    [Fact]
    public async Task Concurrent_turns_of_one_conversation_lose_no_message_and_leave_one_consistent_state()
    {
        using var app = new PartnerBotApplication();
        var chat = app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");

        // Two answers at once to the organization question: one is taken, the other meets the next question.
        var results = await Task.WhenAll(chat.SendAsync("startup"), chat.SendAsync("enterprise"));

        var transcript = await app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default);
        var inbound = transcript.Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text).ToList();
        Assert.Contains("startup", inbound);
        Assert.Contains("enterprise", inbound);
        Assert.Equal(transcript.OrderBy(e => e.Sequence).Select(e => e.Sequence), transcript.Select(e => e.Sequence));
        Assert.All(results, r => r.Expect("Question 2 of "));
        Assert.Single(results, r => r.AllText.Contains("Please pick one of the options"));
        var record = await app.Store.Records.GetAsync(chat.ConversationId.Insert(0, "emulator/conversations/"), default);
        Assert.NotNull(record);
        Assert.Equal(4, record.MessageCount);
    }

    [Fact]
    public async Task Two_app_instances_racing_on_one_conversation_never_overwrite_each_other()
    {
        var directory = TestDirectory.Create();
        try
        {
            using var first = new PartnerBotApplication(directory);
            using var second = new PartnerBotApplication(directory);
            var a = first.Chat(conversationId: "race-1");
            var b = second.Chat(conversationId: "race-1");
            await a.SendAsync("hi");
            await b.SendAsync("yes");

            for (var round = 0; round < 5; round++)
            {
                await Task.WhenAll(a.SendAsync("startup"), b.SendAsync("concept"));
            }

            // Whatever the interleaving, the stored stack is one the dialog could have reached, and every step
            // that was taken is reflected: organization then maturity were answered in order.
            var stored = await first.Store.State.ReadAsync(DialogStateKey.For(a.NewMessage("x")), default);
            Assert.NotNull(stored);
            Assert.Contains("\"organization\":\"startup\"", stored.Json);
            Assert.Contains("\"maturity\":\"concept\"", stored.Json);
            var inbound = (await first.Store.Transcripts.GetTranscriptAsync("race-1", default)).Count(e => e.Direction == TranscriptDirection.Inbound);
            Assert.Equal(12, inbound);
        }
        finally
        {
            TestDirectory.TryDelete(directory);
        }
    }

    [Fact]
    public async Task People_in_one_teams_channel_thread_each_have_their_own_assessment()
    {
        using var app = new PartnerBotApplication();
        const string thread = "19:team@thread.tacv2;messageid=1700000000000";
        var ada = app.Chat(conversationId: thread, channelId: "msteams", userId: "29:ada", userName: "Ada", conversationType: "channel");
        var bob = app.Chat(conversationId: thread, channelId: "msteams", userId: "29:bob", userName: "Bob", conversationType: "channel");

        await ada.SendAsync(Mention(ada, "hi"));
        await ada.SendAsync(Mention(ada, "yes"));
        (await ada.SendAsync(Mention(ada, "startup"))).Expect("Question 2 of ");

        (await bob.SendAsync(Mention(bob, "hello"))).Expect("May we keep this conversation");
        (await bob.SendAsync(Mention(bob, "no"))).Expect("Question 1 of ");

        (await ada.SendAsync(Mention(ada, "concept"))).Expect("Question 3 of ");
        var adaRecord = await app.Store.Records.GetAsync(DialogStateKey.For(ada.NewMessage("x")), default);
        var bobRecord = await app.Store.Records.GetAsync(DialogStateKey.For(bob.NewMessage("x")), default);
        Assert.DoesNotContain("29:bob", bobRecord!.Id);
        Assert.Equal(Consent.Granted, adaRecord!.Consent);
        Assert.Equal(Consent.Declined, bobRecord!.Consent);
        Assert.Equal("Ada", adaRecord.UserName);
        Assert.Null(bobRecord.UserName);
    }

    private static BotFramework.Schema.Activity Mention(TestChat chat, string text)
    {
        var message = chat.NewMessage($"<at>PartnerBot</at> {text}");
        message.Entities =
        [
            System.Text.Json.JsonSerializer.Deserialize<BotFramework.Schema.Entity>(
                """{"type":"mention","mentioned":{"id":"partnerbot","name":"PartnerBot"},"text":"<at>PartnerBot</at>"}""",
                BotFramework.Schema.BotJson.Options)!,
        ];
        return message;
    }

    [Fact]
    public async Task A_turn_committed_before_a_crash_is_delivered_to_the_channels_retry_by_the_restarted_bot()
    {
        var directory = TestDirectory.Create();
        await using var connector = await FakeConnector.StartAsync();
        try
        {
            Activity answer;
            using (var crashed = new PartnerBotApplication(directory))
            {
                var chat = crashed.Chat(conversationId: "crash-1", serviceUrl: connector.ServiceUrl.ToString());
                using (var hello = await chat.PostAsync(chat.NewMessage("hi"))) Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
                await connector.WaitForMessagesAsync(2);

                // The process commits the turn, then dies before any reply reaches the channel.
                for (var i = 0; i < 20; i++) connector.FailNext(503, "0");
                answer = chat.NewMessage("yes");
                using var lost = await chat.PostAsync(answer);
                Assert.NotEqual(HttpStatusCode.OK, lost.StatusCode);
            }
            connector.Recover();

            using var restarted = new PartnerBotApplication(directory);
            var again = restarted.Chat(conversationId: "crash-1", serviceUrl: connector.ServiceUrl.ToString());
            using (var retry = await again.PostAsync(answer)) Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            using (var duplicate = await again.PostAsync(answer)) Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);

            var messages = await connector.WaitForMessagesAsync(4);
            Assert.Equal(4, messages.Count);
            Assert.Contains("Question 1 of ", messages[3].Activity.Text);
            var inbound = (await restarted.Store.Transcripts.GetTranscriptAsync("crash-1", default)).Where(e => e.Direction == TranscriptDirection.Inbound);
            Assert.Equal(["hi", "yes"], inbound.Select(e => e.Activity.Text));
        }
        finally
        {
            TestDirectory.TryDelete(directory);
        }
    }
}
