using System.Globalization;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// Retention on a real SQLite store with a fake clock: what is past its period goes (record, transcript, dialog
/// state, Direct Line log, ledger, unused token conversations), what is within it stays.
/// </summary>
public sealed class RetentionTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestDirectory.Create();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Stores _store;
    private readonly RetentionOptions _retention = new() { AnonymousDays = 30, LeadDays = 365, LedgerDays = 2, AbandonedHours = 24 };

    public RetentionTests() => _store = Stores.Sqlite(Path.Combine(_directory, "retention.db"), _clock);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task Old_data_goes_recent_data_and_leads_within_their_period_stay()
    {
        await SeedConversationAsync("declined", Consent.Declined);
        await SeedConversationAsync("lead", Consent.Granted);
        await SeedConversationAsync("abandoned", Consent.Unknown);
        await _store.DirectLine.CreateConversationAsync("unused-token", "dl_visitor", default);
        await SeedConversationAsync("greeted-only", Consent.Unknown, prospectSpoke: false);
        await _store.Transcripts.AppendAsync([new TranscriptEntry("noise", "webchat/conversations/noise", TranscriptDirection.Inbound, _clock.GetUtcNow(), new Activity { Type = ActivityTypes.Typing })], default);
        await _store.Ledger.CommitAsync(new TurnCommit("declined", "activity-1", null, new TurnRecord([], 0, 200, null)), default);

        _clock.Advance(TimeSpan.FromHours(25));
        var firstDay = await PurgeAsync();
        Assert.Equal(2, firstDay.DirectLineConversations);
        Assert.Equal(1, firstDay.Conversations);
        Assert.Equal(0, Count("directline_conversations WHERE id = 'unused-token'"));
        AssertGone("greeted-only");
        Assert.Equal(1, Count("turns"));
        Assert.Equal(3, Count("conversations"));

        _clock.Advance(TimeSpan.FromDays(2));
        await PurgeAsync();
        Assert.Equal(0, Count("turns"));

        _clock.Advance(TimeSpan.FromDays(28));
        await SeedConversationAsync("recent", Consent.Declined);
        var month = await PurgeAsync();

        Assert.Equal(2, month.Conversations);
        AssertGone("declined");
        AssertGone("abandoned");
        AssertKept("lead");
        AssertKept("recent");
        Assert.Equal(0, Count("transcript WHERE conversation_id = 'noise'"));

        _clock.Advance(TimeSpan.FromDays(340));
        await PurgeAsync();
        AssertGone("lead");
        AssertGone("recent");
        Assert.Equal(0, Count("conversations") + Count("transcript") + Count("state") + Count("directline_conversations") + Count("directline_activities"));
    }

    private Task<RetentionReport> PurgeAsync() => _store.Retention.PurgeAsync(_retention.CutoffsAt(_clock.GetUtcNow()), default);

    /// <summary>A web chat conversation as the app stores it: record, transcript, dialog state and Direct Line log, all "now".</summary>
    private async Task SeedConversationAsync(string conversationId, Consent consent, bool prospectSpoke = true)
    {
        var subject = $"webchat/conversations/{conversationId}";
        var now = _clock.GetUtcNow();
        var existing = await _store.Records.GetAsync(subject, default);
        await _store.Records.SaveFromTurnAsync(new ConversationRecord
        {
            Id = subject, ConversationId = conversationId, ChannelId = "webchat", UserId = "dl_" + conversationId,
            StartedAt = existing?.StartedAt ?? now, LastActivityAt = now, MessageCount = (existing?.MessageCount ?? 0) + (prospectSpoke ? 1 : 0), Consent = consent,
        }, default);
        await _store.Transcripts.AppendAsync([new TranscriptEntry(conversationId, subject, TranscriptDirection.Inbound, now, new Activity { Type = ActivityTypes.Message, Text = "hello" })], default);
        await _store.State.WriteAsync(subject, "{\"stack\":[]}", "*", default);
        await _store.DirectLine.CreateConversationAsync(conversationId, "dl_" + conversationId, default);
        await _store.DirectLine.AppendAsync(conversationId, new Activity { Type = ActivityTypes.Message, Text = "hello" }, new PartnerBot.DirectLine.DirectLineRetention(100, 1_000_000), default);
    }

    private void AssertGone(string conversationId) =>
        Assert.Equal((conversationId, 0, 0, 0, 0, 0), Counts(conversationId));

    private void AssertKept(string conversationId)
    {
        var (_, records, transcript, state, directLine, activities) = Counts(conversationId);
        Assert.True(records == 1 && transcript > 0 && state == 1 && directLine == 1 && activities > 0,
            $"{conversationId}: records {records}, transcript {transcript}, state {state}, Direct Line {directLine}/{activities}");
    }

    private (string, int, int, int, int, int) Counts(string conversationId) => (
        conversationId,
        Count($"conversations WHERE conversation_id = '{conversationId}'"),
        Count($"transcript WHERE conversation_id = '{conversationId}'"),
        Count($"state WHERE key = 'webchat/conversations/{conversationId}'"),
        Count($"directline_conversations WHERE id = '{conversationId}'"),
        Count($"directline_activities WHERE conversation_id = '{conversationId}'"));

    private int Count(string tableAndCondition)
    {
        using var connection = new SqliteConnection($"Data Source={_store.Database!.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM " + tableAndCondition;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
