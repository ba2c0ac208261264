using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Storage;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// What every PartnerBot store must do. Each provider runs these against the real thing by deriving a class
/// that creates a fresh, empty store.
/// </summary>
public abstract class StoreContractTests<TStore> : IDisposable
    where TStore : IStorage, ITranscriptStore, IConversationRecords, ITurnLedger
{
    protected abstract TStore Store { get; }

    public abstract void Dispose();

    [Fact]
    public async Task State_is_created_only_if_absent_and_updated_only_with_the_current_etag()
    {
        var first = await Store.WriteAsync("k", """{"v":1}""", null, default);

        await Assert.ThrowsAsync<ETagConflictException>(() => Store.WriteAsync("k", """{"v":2}""", null, default));
        var second = await Store.WriteAsync("k", """{"v":2}""", first, default);
        await Assert.ThrowsAsync<ETagConflictException>(() => Store.WriteAsync("k", """{"v":3}""", first, default));

        var stored = await Store.ReadAsync("k", default);
        Assert.Equal(new StoreItem("""{"v":2}""", second), stored);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_wildcard_etag_overwrites_and_delete_removes()
    {
        await Store.WriteAsync("k", "{}", null, default);
        await Store.WriteAsync("k", """{"x":true}""", "*", default);
        Assert.Equal("""{"x":true}""", (await Store.ReadAsync("k", default))!.Json);

        await Store.DeleteAsync("k", default);
        await Store.DeleteAsync("k", default);

        Assert.Null(await Store.ReadAsync("k", default));
    }

    [Fact]
    public async Task Transcripts_come_back_in_order_per_conversation()
    {
        var at = DateTimeOffset.Parse("2026-11-20T10:00:00Z");
        await Store.AppendAsync([Entry("c1", "one", at), Entry("c2", "other", at)], default);
        await Store.AppendAsync([Entry("c1", "two", at.AddSeconds(1)), Entry("c1", "three 🚀 שלום", at.AddSeconds(2))], default);

        var transcript = await Store.GetTranscriptAsync("c1", default);

        Assert.Equal(["one", "two", "three 🚀 שלום"], transcript.Select(e => e.Activity.Text));
        Assert.True(transcript[0].Sequence < transcript[1].Sequence && transcript[1].Sequence < transcript[2].Sequence);
        Assert.Equal(at, transcript[0].LoggedAt);
    }

    [Fact]
    public async Task Redaction_rewrites_only_the_subjects_entries()
    {
        var at = DateTimeOffset.UtcNow;
        await Store.AppendAsync([Entry("c1", "mine", at, subject: "s1"), Entry("c1", "theirs", at, subject: "s2")], default);

        await Store.RedactAsync("c1", "s1", e => e with { Activity = new Activity { Type = e.Activity.Type } }, default);

        var transcript = await Store.GetTranscriptAsync("c1", default);
        Assert.Equal([null, "theirs"], transcript.Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task Turn_saves_never_overwrite_the_sales_fields()
    {
        await Store.SaveFromTurnAsync(Record("r1", DateTimeOffset.UtcNow), default);
        Assert.True(await Store.UpdateFollowUpAsync("r1", FollowUpStatus.Qualified, "Called on Monday", default));

        await Store.SaveFromTurnAsync(Record("r1", DateTimeOffset.UtcNow) with { MessageCount = 9 }, default);

        var record = await Store.GetAsync("r1", default);
        Assert.Equal(FollowUpStatus.Qualified, record!.FollowUpStatus);
        Assert.Equal("Called on Monday", record.Notes);
        Assert.Equal(9, record.MessageCount);
        Assert.False(await Store.UpdateFollowUpAsync("missing", FollowUpStatus.Closed, null, default));
    }

    [Fact]
    public async Task Records_filter_by_date_status_and_model_and_page_newest_first()
    {
        var day = DateTimeOffset.Parse("2026-11-01T09:00:00Z");
        for (var i = 0; i < 7; i++)
        {
            await Store.SaveFromTurnAsync(Record($"r{i}", day.AddDays(i)) with { OutcomeModel = i % 2 == 0 ? "Cdmo" : "Cmo" }, default);
        }
        await Store.UpdateFollowUpAsync("r3", FollowUpStatus.Contacted, null, default);

        var cdmo = await Store.QueryAsync(new ConversationQuery { OutcomeModel = "Cdmo" }, default);
        var contacted = await Store.QueryAsync(new ConversationQuery { Status = FollowUpStatus.Contacted }, default);
        var window = await Store.QueryAsync(new ConversationQuery { From = day.AddDays(2), To = day.AddDays(4) }, default);
        var page1 = await Store.QueryAsync(new ConversationQuery { PageSize = 3 }, default);
        var page2 = await Store.QueryAsync(new ConversationQuery { PageSize = 3, ContinuationToken = page1.ContinuationToken }, default);
        var page3 = await Store.QueryAsync(new ConversationQuery { PageSize = 3, ContinuationToken = page2.ContinuationToken }, default);

        Assert.Equal(["r6", "r4", "r2", "r0"], cdmo.Records.Select(r => r.Id));
        Assert.Equal(["r3"], contacted.Records.Select(r => r.Id));
        Assert.Equal(["r3", "r2"], window.Records.Select(r => r.Id));
        Assert.Equal(["r6", "r5", "r4", "r3", "r2", "r1", "r0"], page1.Records.Concat(page2.Records).Concat(page3.Records).Select(r => r.Id));
        Assert.Null(page3.ContinuationToken);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryAsync(new ConversationQuery { ContinuationToken = "not-a-token" }, default));
    }

    [Fact]
    public async Task The_ledger_claims_an_activity_once_and_returns_the_stored_answer()
    {
        Assert.Equal(TurnClaimStatus.Claimed, (await Store.TryClaimAsync("c", "a1", TimeSpan.FromMinutes(1), default)).Status);
        Assert.Equal(TurnClaimStatus.InProgress, (await Store.TryClaimAsync("c", "a1", TimeSpan.FromMinutes(1), default)).Status);

        await Store.CompleteAsync("c", "a1", """{"activities":[]}""", default);

        Assert.Equal(new TurnClaim(TurnClaimStatus.Completed, """{"activities":[]}"""), await Store.TryClaimAsync("c", "a1", TimeSpan.FromMinutes(1), default));
        Assert.Equal(TurnClaimStatus.Claimed, (await Store.TryClaimAsync("other-conversation", "a1", TimeSpan.FromMinutes(1), default)).Status);
    }

    [Fact]
    public async Task An_abandoned_claim_is_taken_over_after_its_lease()
    {
        await Store.TryClaimAsync("c", "a1", TimeSpan.FromMinutes(1), default);
        await Task.Delay(50);

        Assert.Equal(TurnClaimStatus.Claimed, (await Store.TryClaimAsync("c", "a1", TimeSpan.FromMilliseconds(10), default)).Status);
    }

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
