using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.BotFramework.Testing;

namespace PartnerBot.Tests.Testing;

/// <summary>The test kit behaves as the real stores and the real adapter do, and fails a script where it goes wrong.</summary>
public sealed class TestKitTests
{
    /// <summary>Echoes each message, and counts the turns it actually ran.</summary>
    private sealed class EchoBot : IBot
    {
        public int Turns;

        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Turns);
            if (turn.Activity.Text == "fail") throw new InvalidOperationException("the bot broke");
            if (turn.Activity.IsType(ActivityTypes.Message)) await turn.SendActivityAsync("You said " + turn.Activity.Text, cancellationToken);
        }
    }

    [Fact]
    public async Task Memory_storage_keeps_the_etag_rules_of_the_real_stores()
    {
        var storage = new MemoryStorage();
        var first = await storage.WriteAsync("k", "{}", null, default);

        await Assert.ThrowsAsync<ETagConflictException>(() => storage.WriteAsync("k", "{}", null, default));
        var second = await storage.WriteAsync("k", """{"v":2}""", first, default);
        await Assert.ThrowsAsync<ETagConflictException>(() => storage.WriteAsync("k", "{}", first, default));
        await Assert.ThrowsAsync<ETagConflictException>(() => storage.WriteAsync("missing", "{}", "some-etag", default));
        await storage.WriteAsync("k", """{"v":3}""", "*", default);

        Assert.NotEqual(first, second);
        Assert.Equal("""{"v":3}""", (await storage.ReadAsync("k", default))!.Json);
        await storage.DeleteAsync("k", default);
        Assert.Null(await storage.ReadAsync("k", default));
    }

    [Fact]
    public async Task The_memory_ledger_records_nothing_when_the_state_it_commits_is_stale()
    {
        var storage = new MemoryStorage();
        var ledger = new MemoryTurnLedger(storage);
        var record = new TurnRecord(["{}"], 0, 200, null);
        var etag = await ledger.CommitAsync(new TurnCommit("c", "a1", new StateWrite("s", "{}", null), record), default);

        await Assert.ThrowsAsync<ETagConflictException>(() => ledger.CommitAsync(new TurnCommit("c", "a2", new StateWrite("s", "{}", "stale"), record), default));
        await ledger.RecordDeliveredAsync("c", "a1", 1, default);
        await ledger.RecordDeliveredAsync("c", "a1", 0, default);

        Assert.Equal(etag, (await storage.ReadAsync("s", default))!.ETag);
        Assert.Null(await ledger.FindAsync("c", "a2", default));
        Assert.Equal(1, (await ledger.FindAsync("c", "a1", default))!.Delivered);
    }

    [Fact]
    public async Task A_script_sends_turns_and_takes_the_replies_in_order()
    {
        var bot = new EchoBot();
        var flow = new TestFlow(bot);

        await flow.Send("one").AssertReply("You said one").Send("two").AssertReplyContains("two").AssertNoReply().StartTestAsync();

        Assert.Equal(2, bot.Turns);
        Assert.Equal([200, 200], flow.StatusCodes);
        Assert.Equal(["one", "You said one", "two", "You said two"], flow.Transcript.Of(flow.ConversationId).Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task A_retried_activity_is_answered_from_the_ledger_without_running_the_bot_again()
    {
        var bot = new EchoBot();

        await new TestFlow(bot)
            .Send(new Activity { Type = ActivityTypes.Message, Id = "same", Text = "hello" }).AssertReply("You said hello")
            .Send(new Activity { Type = ActivityTypes.Message, Id = "same", Text = "hello" }).AssertNoReply()
            .StartTestAsync();

        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task A_script_fails_at_the_step_that_went_wrong_and_says_why()
    {
        var wrongText = await Assert.ThrowsAsync<TestFlowException>(() => new TestFlow(new EchoBot()).Send("one").AssertReply("You said two").StartTestAsync());
        var extra = await Assert.ThrowsAsync<TestFlowException>(() => new TestFlow(new EchoBot()).Send("one").AssertNoReply().StartTestAsync());
        var none = await Assert.ThrowsAsync<TestFlowException>(() => new TestFlow(new EchoBot()).Send("one").AssertReply("You said one").AssertReply("more").StartTestAsync());
        var broken = await Assert.ThrowsAsync<TestFlowException>(() => new TestFlow(new EchoBot()).Send("fail").StartTestAsync());

        Assert.Equal("step 2, AssertReply(\"You said two\"): expected the reply \"You said two\" but it was \"You said one\"", wrongText.Message);
        Assert.Contains("step 2, AssertNoReply()", extra.Message);
        Assert.Contains("\"You said one\"", extra.Message);
        Assert.Equal("step 3, AssertReply(\"more\"): expected a reply but the bot sent nothing more", none.Message);
        Assert.Contains("step 1, Send(\"fail\"): the turn failed: the bot broke", broken.Message);
        Assert.IsType<InvalidOperationException>(broken.InnerException);
    }
}
