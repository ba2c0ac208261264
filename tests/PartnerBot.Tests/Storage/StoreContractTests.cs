using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// What every PartnerBot store must do. Each provider runs these against the real thing by deriving a class
/// that creates a fresh, empty store.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    protected abstract Stores Store { get; }

    public abstract void Dispose();

    [Fact]
    public async Task State_is_created_only_if_absent_and_updated_only_with_the_current_etag()
    {
        var first = await Store.State.WriteAsync("k", """{"v":1}""", null, default);

        await Assert.ThrowsAsync<ETagConflictException>(() => Store.State.WriteAsync("k", """{"v":2}""", null, default));
        var second = await Store.State.WriteAsync("k", """{"v":2}""", first, default);
        await Assert.ThrowsAsync<ETagConflictException>(() => Store.State.WriteAsync("k", """{"v":3}""", first, default));

        var stored = await Store.State.ReadAsync("k", default);
        Assert.Equal(new StoreItem("""{"v":2}""", second), stored);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_wildcard_etag_overwrites_and_delete_removes()
    {
        await Store.State.WriteAsync("k", "{}", null, default);
        await Store.State.WriteAsync("k", """{"x":true}""", "*", default);
        Assert.Equal("""{"x":true}""", (await Store.State.ReadAsync("k", default))!.Json);

        await Store.State.DeleteAsync("k", default);
        await Store.State.DeleteAsync("k", default);

        Assert.Null(await Store.State.ReadAsync("k", default));
    }

    [Fact]
    public async Task Transcripts_come_back_in_order_per_conversation()
    {
        var at = DateTimeOffset.Parse("2026-11-20T10:00:00Z");
        await Store.Transcripts.AppendAsync([Entry("c1", "one", at), Entry("c2", "other", at)], default);
        await Store.Transcripts.AppendAsync([Entry("c1", "two", at.AddSeconds(1)), Entry("c1", "three 🚀 שלום", at.AddSeconds(2))], default);

        var transcript = await Store.Transcripts.GetTranscriptAsync("c1", default);

        Assert.Equal(["one", "two", "three 🚀 שלום"], transcript.Select(e => e.Activity.Text));
        Assert.True(transcript[0].Sequence < transcript[1].Sequence && transcript[1].Sequence < transcript[2].Sequence);
        Assert.Equal(at, transcript[0].LoggedAt);
    }

    [Fact]
    public async Task Redaction_rewrites_only_the_subjects_entries()
    {
        var at = DateTimeOffset.UtcNow;
        await Store.Transcripts.AppendAsync([Entry("c1", "mine", at, subject: "s1"), Entry("c1", "theirs", at, subject: "s2")], default);

        await Store.Transcripts.RedactAsync("c1", "s1", e => e with { Activity = new Activity { Type = e.Activity.Type } }, default);

        var transcript = await Store.Transcripts.GetTranscriptAsync("c1", default);
        Assert.Equal([null, "theirs"], transcript.Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task Turn_saves_never_overwrite_the_sales_fields()
    {
        await Store.Records.SaveFromTurnAsync(Record("r1", DateTimeOffset.UtcNow), default);
        Assert.Equal(FollowUpOutcome.Updated, (await Store.Records.UpdateFollowUpAsync("r1", Set(FollowUpStatus.Qualified, "Called on Monday"), 0, default)).Outcome);

        await Store.Records.SaveFromTurnAsync(Record("r1", DateTimeOffset.UtcNow) with { MessageCount = 9, FollowUp = new FollowUp() }, default);

        var record = await Store.Records.GetAsync("r1", default);
        Assert.Equal(FollowUpStatus.Qualified, record!.FollowUpStatus);
        Assert.Equal("Called on Monday", Assert.Single(record.FollowUp.Timeline).Text);
        Assert.Equal(1, record.FollowUp.Version);
        Assert.Equal(9, record.MessageCount);
        Assert.Equal(FollowUpOutcome.NotFound, (await Store.Records.UpdateFollowUpAsync("missing", Set(FollowUpStatus.Lost), null, default)).Outcome);
    }

    [Fact]
    public async Task Records_filter_by_date_status_and_model_and_page_newest_first()
    {
        var day = DateTimeOffset.Parse("2026-11-01T09:00:00Z");
        for (var i = 0; i < 7; i++)
        {
            await Store.Records.SaveFromTurnAsync(Record($"r{i}", day.AddDays(i)) with { OutcomeModel = i % 2 == 0 ? "Cdmo" : "Cmo" }, default);
        }
        await Store.Records.UpdateFollowUpAsync("r3", Set(FollowUpStatus.Contacted), null, default);

        var cdmo = await Store.Records.QueryAsync(new ConversationQuery { OutcomeModel = "Cdmo" }, default);
        var contacted = await Store.Records.QueryAsync(new ConversationQuery { Status = FollowUpStatus.Contacted }, default);
        var window = await Store.Records.QueryAsync(new ConversationQuery { From = day.AddDays(2), To = day.AddDays(4) }, default);
        var page1 = await Store.Records.QueryAsync(new ConversationQuery { PageSize = 3 }, default);
        var page2 = await Store.Records.QueryAsync(new ConversationQuery { PageSize = 3, ContinuationToken = page1.ContinuationToken }, default);
        var page3 = await Store.Records.QueryAsync(new ConversationQuery { PageSize = 3, ContinuationToken = page2.ContinuationToken }, default);

        Assert.Equal(["r6", "r4", "r2", "r0"], cdmo.Records.Select(r => r.Id));
        Assert.Equal(["r3"], contacted.Records.Select(r => r.Id));
        Assert.Equal(["r3", "r2"], window.Records.Select(r => r.Id));
        Assert.Equal(["r6", "r5", "r4", "r3", "r2", "r1", "r0"], page1.Records.Concat(page2.Records).Concat(page3.Records).Select(r => r.Id));
        Assert.Null(page3.ContinuationToken);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Records.QueryAsync(new ConversationQuery { ContinuationToken = "not-a-token" }, default));
    }

    [Fact]
    public async Task The_ledger_records_a_turn_with_its_replies_and_replaces_it_as_delivery_progresses()
    {
        Assert.Null(await Store.Ledger.FindAsync("c", "a1", default));

        var record = new TurnRecord(["""{"type":"message","text":"one"}""", """{"type":"message","text":"two"}"""], 0, 200, null);
        Assert.Null(await Store.Ledger.CommitAsync(new TurnCommit("c", "a1", null, record), default));
        await Store.Ledger.CommitAsync(new TurnCommit("c", "a1", null, record with { Delivered = 1, ResponseBody = """{"activities":[]}""" }), default);

        var found = await Store.Ledger.FindAsync("c", "a1", default);
        Assert.NotNull(found);
        Assert.Equal(record.Replies, found.Replies);
        Assert.Equal((1, 200, """{"activities":[]}"""), (found.Delivered, found.StatusCode, found.ResponseBody));
        Assert.False(found.FullyDelivered);
        Assert.Null(await Store.Ledger.FindAsync("other-conversation", "a1", default));
    }

    [Fact]
    public async Task A_turn_commit_writes_the_state_and_the_record_together_or_not_at_all()
    {
        var etag = await Store.State.WriteAsync("state-key", """{"step":1}""", null, default);
        var record = new TurnRecord(["""{"type":"message","text":"question 2"}"""], 0, 200, null);

        var newETag = await Store.Ledger.CommitAsync(new TurnCommit("c", "a1", new StateWrite("state-key", """{"step":2}""", etag), record), default);

        // The same turn run elsewhere with the old ETag loses: neither its state nor its record is written.
        await Assert.ThrowsAsync<ETagConflictException>(() => Store.Ledger.CommitAsync(
            new TurnCommit("c", "a2", new StateWrite("state-key", """{"step":9}""", etag), record), default));
        Assert.Equal(new StoreItem("""{"step":2}""", newETag!), await Store.State.ReadAsync("state-key", default));
        Assert.NotNull(await Store.Ledger.FindAsync("c", "a1", default));
        Assert.Null(await Store.Ledger.FindAsync("c", "a2", default));
    }

    [Fact]
    public async Task A_retried_inbound_activity_is_logged_once()
    {
        var at = DateTimeOffset.Parse("2026-11-20T10:00:00Z");
        var inbound = Entry("c1", "hello", at) with { Activity = new Activity { Type = "message", Id = "a1", Text = "hello" } };

        await Store.Transcripts.AppendAsync([inbound], default);
        await Store.Transcripts.AppendAsync([inbound with { LoggedAt = at.AddSeconds(30) }], default);

        Assert.Single(await Store.Transcripts.GetTranscriptAsync("c1", default));
    }

    internal static readonly SalesPerson Salesperson = new("oid-1", "Sam Sales");

    /// <summary>A follow-up change as the workspace makes it: the status, and a note when given.</summary>
    internal static Func<FollowUp, FollowUp> Set(FollowUpStatus status, string? note = null) => followUp =>
    {
        var next = followUp with { Status = status };
        return note is null ? next : next.With(new FollowUpEvent(DateTimeOffset.UnixEpoch, Salesperson, FollowUpEventKind.Note, note));
    };

    private static TranscriptEntry Entry(string conversation, string text, DateTimeOffset at, string? subject = null) =>
        new(conversation, subject ?? conversation, TranscriptDirection.Inbound, at, new Activity { Type = "message", Text = text, Conversation = new ConversationAccount { Id = conversation } });

    private static ConversationRecord Record(string id, DateTimeOffset started) => new()
    {
        Id = id,
        ConversationId = id,
        ChannelId = "webchat",
        StartedAt = started,
        LastActivityAt = started,
        MessageCount = 1,
        Consent = Consent.Granted,
        Answers = new JsonObject { ["organization"] = "startup" },
    };
}
