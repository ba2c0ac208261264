using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// Retention as every provider must apply it, seen through the storage interfaces only: what is past its period
/// goes (record, transcript, dialog state, Direct Line log, ledger, unused token conversations), what is within it
/// stays. Each provider derives a class that builds a fresh store on <see cref="Clock"/>.
/// </summary>
public abstract class RetentionContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly RetentionOptions _retention = new() { AnonymousDays = 30, LeadDays = 365, LedgerDays = 2, AbandonedHours = 24 };

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected abstract Stores Store { get; }

    protected abstract IRetentionStore Retention { get; }

    /// <summary>The same store's lead alerts, whose outbox rows go with their lead.</summary>
    protected abstract ILeadAlerts Alerts { get; }

    [Fact]
    public async Task Old_data_goes_and_leads_within_their_period_stay()
    {
        await SeedConversationAsync("declined", Consent.Declined);
        await SeedConversationAsync("lead", Consent.Granted);
        await SeedConversationAsync("abandoned", Consent.Unknown);
        await Store.DirectLine.CreateConversationAsync("unused-token", "dl_visitor", default);
        await SeedConversationAsync("greeted-only", Consent.Unknown, prospectSpoke: false);
        await Store.Transcripts.AppendAsync([new TranscriptEntry("noise", "webchat/conversations/noise", TranscriptDirection.Inbound, Clock.GetUtcNow(), new Activity { Type = ActivityTypes.Typing })], default);
        await Store.Ledger.CommitAsync(new TurnCommit("lead", "activity-1", null, new TurnRecord([], 0, 200, null)), default);
        await Alerts.EnqueueAsync(new LeadAlert("alert-of-declined", "webchat/conversations/declined", "19:sales", Start, Start), default);
        await Alerts.EnqueueAsync(new LeadAlert("alert-of-lead", "webchat/conversations/lead", "19:sales", Start, Start), default);

        Clock.Advance(TimeSpan.FromHours(25));
        var firstDay = await PurgeAsync();
        Assert.Equal(1, firstDay.Conversations);
        Assert.Equal(2, firstDay.DirectLineConversations);
        Assert.False(await Store.DirectLine.ConversationExistsAsync("unused-token", default));
        await AssertGoneAsync("greeted-only");
        Assert.NotNull(await Store.Ledger.FindAsync("lead", "activity-1", default));

        Clock.Advance(TimeSpan.FromDays(2));
        var ledger = await PurgeAsync();
        Assert.Equal(1, ledger.LedgerEntries);
        Assert.Null(await Store.Ledger.FindAsync("lead", "activity-1", default));
        await AssertKeptAsync("lead");

        Clock.Advance(TimeSpan.FromDays(28));
        await SeedConversationAsync("recent", Consent.Declined);
        var month = await PurgeAsync();

        Assert.Equal(2, month.Conversations);
        await AssertGoneAsync("declined");
        await AssertGoneAsync("abandoned");
        await AssertKeptAsync("lead");
        await AssertKeptAsync("recent");
        Assert.Null(await Alerts.GetAlertAsync("alert-of-declined", default));
        Assert.NotNull(await Alerts.GetAlertAsync("alert-of-lead", default));
        Assert.Empty(await Store.Transcripts.GetTranscriptAsync("noise", default));
        Assert.Equal(["webchat/conversations/lead", "webchat/conversations/recent"],
            (await Store.Records.QueryAsync(new ConversationQuery(), default)).Records.Select(r => r.Id).Order());

        Clock.Advance(TimeSpan.FromDays(340));
        await PurgeAsync();
        await AssertGoneAsync("lead");
        await AssertGoneAsync("recent");
        Assert.Empty((await Store.Records.QueryAsync(new ConversationQuery(), default)).Records);
        Assert.Equal(RetentionReport.None, await PurgeAsync());
    }

    [Fact]
    public async Task A_returning_prospect_is_judged_by_their_last_activity()
    {
        await SeedConversationAsync("lead", Consent.Granted);
        await SeedConversationAsync("returning", Consent.Declined);
        Clock.Advance(TimeSpan.FromDays(29));
        await SeedConversationAsync("returning", Consent.Declined);
        Clock.Advance(TimeSpan.FromDays(2));

        var report = await PurgeAsync();

        Assert.Equal(0, report.Conversations);
        await AssertKeptAsync("lead");
        await AssertKeptAsync("returning");
    }

    [Fact]
    public async Task In_a_shared_conversation_one_expired_person_goes_and_the_others_and_the_log_stay()
    {
        const string conversation = "19:team@thread.tacv2;messageid=1";
        await SeedSubjectAsync(conversation, "expired", Consent.Declined);
        Clock.Advance(TimeSpan.FromDays(20));
        await SeedSubjectAsync(conversation, "active", Consent.Declined);
        Clock.Advance(TimeSpan.FromDays(11));

        var report = await PurgeAsync();

        Assert.Equal(1, report.Conversations);
        Assert.Null(await Store.Records.GetAsync(SubjectKey(conversation, "expired"), default));
        Assert.Null(await Store.State.ReadAsync(SubjectKey(conversation, "expired"), default));
        Assert.NotNull(await Store.Records.GetAsync(SubjectKey(conversation, "active"), default));
        Assert.NotNull(await Store.State.ReadAsync(SubjectKey(conversation, "active"), default));
        var transcript = await Store.Transcripts.GetTranscriptAsync(conversation, default);
        Assert.Equal([SubjectKey(conversation, "active")], transcript.Select(e => e.Subject).Distinct());
        Assert.True(await Store.DirectLine.ConversationExistsAsync(conversation, default));
    }

    [Fact]
    public async Task The_background_job_applies_the_configured_periods_in_the_running_app()
    {
        var settings = AppStorageSettings;
        settings["Retention:AnonymousDays"] = "7";
        settings["Retention:LeadDays"] = "90";
        settings["Retention:IntervalMinutes"] = "60";
        using var app = new PartnerBotApplication(settings: settings);
        var clock = new FakeTimeProvider(Start);
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var declined = new TestChat(factory.CreateClient(), "retention-declined", "emulator", "u1", "Dee", null, null);
        var lead = new TestChat(factory.CreateClient(), "retention-lead", "emulator", "u2", "Lee", null, null);
        await declined.SendAsync("hi");
        await declined.SendAsync("no");
        await lead.SendAsync("hi");
        await lead.SendAsync("yes");
        var records = factory.Services.GetRequiredService<IConversationRecords>();
        var transcripts = factory.Services.GetRequiredService<ITranscriptStore>();
        const string declinedKey = "emulator/conversations/retention-declined";
        const string leadKey = "emulator/conversations/retention-lead";
        Assert.NotNull(await records.GetAsync(declinedKey, default));

        clock.Advance(TimeSpan.FromDays(8));
        // A run deletes the record first, then (on Table storage, a request or two later) its transcript and index row.
        await Eventually.WaitUntilAsync(async () => await records.GetAsync(declinedKey, default) is null
            && (await transcripts.GetTranscriptAsync("retention-declined", default)).Count == 0, "The retention job did not delete the expired conversation.");

        Assert.NotNull(await records.GetAsync(leadKey, default));
        Assert.NotEmpty(await transcripts.GetTranscriptAsync("retention-lead", default));

        clock.Advance(TimeSpan.FromDays(90));
        await Eventually.WaitUntilAsync(async () => await records.GetAsync(leadKey, default) is null
            && (await transcripts.GetTranscriptAsync("retention-lead", default)).Count == 0
            && (await records.QueryAsync(new ConversationQuery(), default)).Records.Count == 0, "The retention job did not delete the expired conversation.");
    }

    /// <summary>The settings that put a running app on this provider.</summary>
    protected abstract Dictionary<string, string?> AppStorageSettings { get; }

    private Task<RetentionReport> PurgeAsync() => Retention.PurgeAsync(_retention.CutoffsAt(Clock.GetUtcNow()), default);

    private static string SubjectKey(string conversation, string user) => $"msteams/conversations/{conversation}/users/{user}";

    /// <summary>A web chat conversation as the app stores it: record, transcript, dialog state and Direct Line log, all "now".</summary>
    private async Task SeedConversationAsync(string conversationId, Consent consent, bool prospectSpoke = true)
    {
        await SeedRecordAsync($"webchat/conversations/{conversationId}", conversationId, consent, prospectSpoke);
        await Store.DirectLine.CreateConversationAsync(conversationId, "dl_" + conversationId, default);
        await Store.DirectLine.AppendAsync(conversationId, new Activity { Type = ActivityTypes.Message, Text = "hello" }, new DirectLineRetention(100, 1_000_000), default);
    }

    private async Task SeedSubjectAsync(string conversationId, string user, Consent consent)
    {
        await SeedRecordAsync(SubjectKey(conversationId, user), conversationId, consent, prospectSpoke: true);
        if (await Store.DirectLine.CreateConversationAsync(conversationId, "dl_shared", default))
        {
            await Store.DirectLine.AppendAsync(conversationId, new Activity { Type = ActivityTypes.Message, Text = "hello" }, new DirectLineRetention(100, 1_000_000), default);
        }
    }

    private async Task SeedRecordAsync(string subject, string conversationId, Consent consent, bool prospectSpoke)
    {
        var now = Clock.GetUtcNow();
        var existing = await Store.Records.GetAsync(subject, default);
        await Store.Records.SaveFromTurnAsync(new ConversationRecord
        {
            Id = subject, ConversationId = conversationId, ChannelId = subject.Split('/')[0], UserId = "dl_" + conversationId,
            StartedAt = existing?.StartedAt ?? now, LastActivityAt = now, MessageCount = (existing?.MessageCount ?? 0) + (prospectSpoke ? 1 : 0), Consent = consent,
        }, default);
        await Store.Transcripts.AppendAsync([new TranscriptEntry(conversationId, subject, TranscriptDirection.Inbound, now, new Activity { Type = ActivityTypes.Message, Text = "hello", Id = "in-" + now.Ticks })], default);
        await Store.State.WriteAsync(subject, "{\"stack\":[]}", "*", default);
    }

    private async Task AssertGoneAsync(string conversationId)
    {
        var subject = $"webchat/conversations/{conversationId}";
        Assert.Null(await Store.Records.GetAsync(subject, default));
        Assert.Empty(await Store.Transcripts.GetTranscriptAsync(conversationId, default));
        Assert.Null(await Store.State.ReadAsync(subject, default));
        Assert.False(await Store.DirectLine.ConversationExistsAsync(conversationId, default));
    }

    private async Task AssertKeptAsync(string conversationId)
    {
        var subject = $"webchat/conversations/{conversationId}";
        Assert.NotNull(await Store.Records.GetAsync(subject, default));
        Assert.NotEmpty(await Store.Transcripts.GetTranscriptAsync(conversationId, default));
        Assert.NotNull(await Store.State.ReadAsync(subject, default));
        Assert.True(await Store.DirectLine.ConversationExistsAsync(conversationId, default));
        var (activities, _) = await Store.DirectLine.ReadAsync(conversationId, null, new DirectLinePage(100, 1_000_000), default);
        Assert.NotEmpty(activities);
    }
}
