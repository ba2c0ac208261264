using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Storage;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// What the sales workspace needs from every store: follow-up with optimistic concurrency, every list filter,
/// erasure that leaves only an anonymous count, the audit log and the funnel's rows. Each provider derives a class
/// over a fresh, empty store.
/// </summary>
public abstract class SalesStoreContractTests
{
    protected abstract IConversationRecords Records { get; }
    protected abstract ITranscriptStore Transcripts { get; }
    protected abstract IStorage State { get; }
    protected abstract ITurnLedger Ledger { get; }
    protected abstract IDirectLineLog DirectLine { get; }
    protected abstract IConversationErasure Erasure { get; }
    protected abstract IAuditLog Audit { get; }
    protected abstract ISalesStatistics Statistics { get; }

    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2026-11-02T09:00:00Z");
    private static readonly SalesPerson Ann = new("oid-ann", "Ann Sales");
    private static readonly SalesPerson Bob = new("oid-bob", "Bob Sales");

    [Fact]
    public async Task A_follow_up_saved_against_an_old_version_is_a_conflict_with_the_fresh_record()
    {
        await Records.SaveFromTurnAsync(Lead("r1", Day), default);

        var first = await Records.UpdateFollowUpAsync("r1", f => f with { Owner = Ann, Status = FollowUpStatus.Contacted }, 0, default);
        var stale = await Records.UpdateFollowUpAsync("r1", f => f with { Owner = Bob }, 0, default);
        await Records.SaveFromTurnAsync(Lead("r1", Day.AddMinutes(5)) with { MessageCount = 7 }, default);
        var second = await Records.UpdateFollowUpAsync("r1", f => f.With(new FollowUpEvent(Day, Ann, FollowUpEventKind.Note, "Called")), 1, default);

        Assert.Equal(FollowUpOutcome.Updated, first.Outcome);
        Assert.Equal(1, first.Record!.FollowUp.Version);
        Assert.Equal(FollowUpOutcome.Conflict, stale.Outcome);
        Assert.Equal(Ann, stale.Record!.FollowUp.Owner);
        Assert.Equal(FollowUpOutcome.Updated, second.Outcome);
        var stored = (await Records.GetAsync("r1", default))!;
        Assert.Equal((FollowUpStatus.Contacted, Ann, 2L, 7), (stored.FollowUp.Status, stored.FollowUp.Owner, stored.FollowUp.Version, stored.MessageCount));
        Assert.Equal("Called", Assert.Single(stored.FollowUp.Timeline).Text);
        var listed = Assert.Single((await Records.QueryAsync(new ConversationQuery(), default)).Records);
        Assert.Equal(stored.FollowUp, listed.FollowUp with { Timeline = stored.FollowUp.Timeline });
        Assert.Equal(stored.FollowUp.Timeline, listed.FollowUp.Timeline);
    }

    [Fact]
    public async Task Of_two_people_saving_the_same_version_at_once_exactly_one_wins()
    {
        await Records.SaveFromTurnAsync(Lead("race", Day), default);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            Records.UpdateFollowUpAsync("race", f => f with { Owner = new SalesPerson("oid-" + i, "Person " + i) }, 0, default))));

        Assert.Equal(1, results.Count(r => r.Outcome == FollowUpOutcome.Updated));
        Assert.Equal(5, results.Count(r => r.Outcome == FollowUpOutcome.Conflict));
        var winner = results.Single(r => r.Outcome == FollowUpOutcome.Updated).Record!.FollowUp.Owner;
        Assert.Equal(winner, (await Records.GetAsync("race", default))!.FollowUp.Owner);
    }

    [Fact]
    public async Task Every_list_filter_selects_exactly_its_records()
    {
        await Records.SaveFromTurnAsync(Lead("teams-cdmo", Day, "msteams") with { OutcomeModel = "Cdmo", OutcomePhase = "ProductDefinition", Company = "Acme Implants", Email = "Ada@Acme.example", ContactName = "Ada Lovelace", Contact = new JsonObject { ["email"] = "Ada@Acme.example" } }, default);
        await Records.SaveFromTurnAsync(Lead("web-cmo", Day.AddDays(1), "directline") with { OutcomeModel = "Cmo", OutcomePhase = "ContractManufacturing", Company = "Beta Med", ContactName = "Ben Ode" }, default);
        await Records.SaveFromTurnAsync(Lead("webchat-declined", Day.AddDays(2), "webchat") with { Consent = Consent.Declined, UserName = null }, default);
        await Records.SaveFromTurnAsync(Lead("teams-unknown", Day.AddDays(3), "msteams") with { Consent = Consent.Unknown, UserName = "Cy Acme-Partner" }, default);
        await Records.UpdateFollowUpAsync("web-cmo", f => f with { Owner = Ann, Status = FollowUpStatus.Qualified }, null, default);

        async Task<string[]> Ids(ConversationQuery query) => (await Records.QueryAsync(query, default)).Records.Select(r => r.Id).ToArray();

        Assert.Equal(["teams-unknown", "webchat-declined", "web-cmo", "teams-cdmo"], await Ids(new ConversationQuery()));
        Assert.Equal(["teams-unknown", "teams-cdmo"], await Ids(new ConversationQuery { Channels = ["msteams"] }));
        Assert.Equal(["webchat-declined", "web-cmo"], await Ids(new ConversationQuery { Channels = ["directline", "webchat"] }));
        Assert.Equal(["web-cmo"], await Ids(new ConversationQuery { Status = FollowUpStatus.Qualified }));
        Assert.Equal(["web-cmo"], await Ids(new ConversationQuery { OwnerId = Ann.Id }));
        Assert.Equal(["teams-unknown", "webchat-declined", "teams-cdmo"], await Ids(new ConversationQuery { OwnerId = ConversationQuery.Unowned }));
        Assert.Equal(["teams-cdmo"], await Ids(new ConversationQuery { OutcomeModel = "Cdmo" }));
        Assert.Equal(["web-cmo"], await Ids(new ConversationQuery { OutcomePhase = "ContractManufacturing" }));
        Assert.Equal(["webchat-declined"], await Ids(new ConversationQuery { Consent = Consent.Declined }));
        Assert.Equal(["teams-cdmo"], await Ids(new ConversationQuery { ContactRequested = true }));
        Assert.Equal(["teams-unknown", "webchat-declined", "web-cmo"], await Ids(new ConversationQuery { ContactRequested = false }));
        Assert.Equal(["teams-unknown", "teams-cdmo"], await Ids(new ConversationQuery { Search = "acme" }));
        Assert.Equal(["teams-cdmo"], await Ids(new ConversationQuery { Search = "ADA  implants" }));
        Assert.Equal(["teams-cdmo"], await Ids(new ConversationQuery { Search = "ada@acme" }));
        Assert.Empty(await Ids(new ConversationQuery { Search = "acme beta" }));
        Assert.Equal(["teams-cdmo"], await Ids(new ConversationQuery { Email = "ada@ACME.example" }));
        Assert.Equal(["webchat-declined", "web-cmo"], await Ids(new ConversationQuery { From = Day.AddDays(1), To = Day.AddDays(3) }));
        Assert.Equal(["teams-unknown"], await Ids(new ConversationQuery { Channels = ["msteams"], Consent = Consent.Unknown, Search = "acme" }));

        var first = await Records.QueryAsync(new ConversationQuery { OwnerId = ConversationQuery.Unowned, PageSize = 2 }, default);
        var second = await Records.QueryAsync(new ConversationQuery { OwnerId = ConversationQuery.Unowned, PageSize = 2, ContinuationToken = first.ContinuationToken }, default);
        Assert.Equal(["teams-unknown", "webchat-declined", "teams-cdmo"], first.Records.Concat(second.Records).Select(r => r.Id));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task Erasure_removes_everything_about_the_prospect_and_leaves_an_anonymous_count()
    {
        const string conversation = "erase-me";
        var subject = "webchat/conversations/" + conversation;
        await SeedConversationAsync(conversation, subject);
        await Records.SaveFromTurnAsync(Lead("keep", Day) with { LastActivityAt = Day.AddMinutes(7) }, default);

        Assert.True(await Erasure.EraseAsync(subject, default));

        Assert.Null(await Records.GetAsync(subject, default));
        Assert.Empty(await Transcripts.GetTranscriptAsync(conversation, default));
        Assert.Null(await State.ReadAsync(subject, default));
        Assert.Null(await Ledger.FindAsync(conversation, "a1", default));
        Assert.False(await DirectLine.ConversationExistsAsync(conversation, default));
        Assert.Equal(["keep"], (await Records.QueryAsync(new ConversationQuery(), default)).Records.Select(r => r.Id));
        Assert.Empty((await Records.QueryAsync(new ConversationQuery { Email = "grace@hopper.example" }, default)).Records);
        var rows = await ToListAsync(Statistics.FunnelRowsAsync(Day.AddDays(-1), Day.AddDays(1), default));
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r is { ChannelId: "directline", Consent: Consent.Granted, ContactRequested: true, Finished: true, OutcomeModel: "Cdmo", LastActivityAt: null });
        // The funnel tells a prospect still chatting from one who left by the last activity; the erased row has none.
        Assert.Contains(rows, r => r.ChannelId == "webchat" && r.LastActivityAt == Day.AddMinutes(7));
        Assert.False(await Erasure.EraseAsync(subject, default));
    }

    [Fact]
    public async Task Erasing_one_person_of_a_shared_conversation_keeps_the_others()
    {
        const string conversation = "19:group@thread.v2";
        var erased = $"msteams/conversations/{conversation}/users/29:erased";
        var kept = $"msteams/conversations/{conversation}/users/29:kept";
        foreach (var subject in new[] { erased, kept })
        {
            await Records.SaveFromTurnAsync(Lead(subject, Day, "msteams") with { ConversationId = conversation }, default);
            await Transcripts.AppendAsync([new TranscriptEntry(conversation, subject, TranscriptDirection.Inbound, Day, new Activity { Type = "message", Text = "said by " + subject })], default);
            await State.WriteAsync(subject, "{}", null, default);
        }

        Assert.True(await Erasure.EraseAsync(erased, default));

        Assert.Null(await Records.GetAsync(erased, default));
        Assert.Null(await State.ReadAsync(erased, default));
        Assert.NotNull(await Records.GetAsync(kept, default));
        Assert.NotNull(await State.ReadAsync(kept, default));
        Assert.Equal(["said by " + kept], (await Transcripts.GetTranscriptAsync(conversation, default)).Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task The_audit_log_reads_newest_first()
    {
        for (var i = 0; i < 5; i++) await Audit.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow.AddSeconds(i - 10), Ann.Id, Ann.Name, "view", "record-" + i), default);

        var latest = await Audit.ReadAsync(3, default);

        Assert.Equal(["record-4", "record-3", "record-2"], latest.Select(e => e.Target));
        Assert.All(latest, e => Assert.Equal((Ann.Id, Ann.Name, "view"), (e.ActorId, e.ActorName, e.Action)));
    }

    [Fact]
    public async Task Funnel_rows_are_the_conversations_started_in_the_period()
    {
        await Records.SaveFromTurnAsync(Lead("before", Day.AddDays(-10)), default);
        await Records.SaveFromTurnAsync(Lead("inside", Day) with { Finished = true, OutcomeModel = "Cmo" }, default);
        await Records.SaveFromTurnAsync(Lead("late-activity", Day.AddDays(1)) with { LastActivityAt = Day.AddDays(40) }, default);
        await Records.SaveFromTurnAsync(Lead("after", Day.AddDays(20)), default);

        var rows = await ToListAsync(Statistics.FunnelRowsAsync(Day.AddDays(-1), Day.AddDays(7), default));

        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r is { Finished: true, OutcomeModel: "Cmo" });
    }

    private async Task SeedConversationAsync(string conversation, string subject)
    {
        await Records.SaveFromTurnAsync(Lead(subject, Day, "directline") with
        {
            ConversationId = conversation, Company = "Hopper Devices", Email = "grace@hopper.example", ContactName = "Grace Hopper",
            Contact = new JsonObject { ["name"] = "Grace Hopper", ["email"] = "grace@hopper.example" }, Finished = true, OutcomeModel = "Cdmo",
        }, default);
        await Transcripts.AppendAsync([new TranscriptEntry(conversation, subject, TranscriptDirection.Inbound, Day, new Activity { Type = "message", Id = "a1", Text = "I am Grace Hopper" })], default);
        await State.WriteAsync(subject, "{\"name\":\"Grace Hopper\"}", null, default);
        await Ledger.CommitAsync(new TurnCommit(conversation, "a1", null, new TurnRecord(["{\"type\":\"message\",\"text\":\"Thanks, Grace Hopper\"}"], 1, 200, null)), default);
        await DirectLine.CreateConversationAsync(conversation, "dl_grace", default);
        await DirectLine.AppendAsync(conversation, new Activity { Type = "message", Text = "grace@hopper.example" }, new DirectLineRetention(100, 1_000_000), default);
    }

    /// <summary>Every filter of the sales list, alone and combined, as each provider answers it and as the filter means it.</summary>
    public static readonly IReadOnlyList<(string Name, ConversationQuery Query)> Filters =
    [
        ("none", new ConversationQuery()),
        ("from", new ConversationQuery { From = Day.AddDays(3) }),
        ("to", new ConversationQuery { To = Day.AddDays(3) }),
        ("from and to across a month", new ConversationQuery { From = Day.AddDays(1), To = Day.AddDays(40) }),
        ("status", new ConversationQuery { Status = FollowUpStatus.Qualified }),
        ("status new", new ConversationQuery { Status = FollowUpStatus.New }),
        ("model", new ConversationQuery { OutcomeModel = "Cdmo" }),
        ("phase", new ConversationQuery { OutcomePhase = "Design" }),
        ("one channel", new ConversationQuery { ChannelId = "msteams" }),
        ("two channels", new ConversationQuery { Channels = ["msteams", "directline"] }),
        ("owner", new ConversationQuery { OwnerId = Ann.Id }),
        ("nobody's", new ConversationQuery { OwnerId = ConversationQuery.Unowned }),
        ("consent", new ConversationQuery { Consent = Consent.Declined }),
        ("asked to be contacted", new ConversationQuery { ContactRequested = true }),
        ("not asked to be contacted", new ConversationQuery { ContactRequested = false }),
        ("chatted live", new ConversationQuery { ChattedLive = true }),
        ("dropped at question 3", new ConversationQuery { DroppedAt = 3 }),
        ("dropped at the first question", new ConversationQuery { DroppedAt = 1 }),
        ("never chatted live", new ConversationQuery { ChattedLive = false }),
        ("e-mail in another case", new ConversationQuery { Email = "VERA@Implants.example" }),
        ("one word", new ConversationQuery { Search = "implants" }),
        ("two words, both needed", new ConversationQuery { Search = "Vera implants" }),
        ("a word nobody has", new ConversationQuery { Search = "nowhere" }),
        ("combined", new ConversationQuery { Channels = ["webchat", "msteams"], Consent = Consent.Granted, OwnerId = ConversationQuery.Unowned, From = Day }),
    ];

    [Fact]
    public async Task Every_filter_lists_exactly_the_records_the_filter_means_newest_first()
    {
        (string Id, int Day, string Channel, Consent Consent, string? Model, string? Phase, string? Email, string? Company, FollowUpStatus Status, SalesPerson? Owner)[] leads =
        [
            ("f01", 0, "webchat", Consent.Granted, "Cdmo", "Design", "vera@implants.example", "Vera Implants", FollowUpStatus.Qualified, Ann),
            ("f02", 1, "msteams", Consent.Granted, "Cmo", "Manufacturing", null, null, FollowUpStatus.New, null),
            ("f03", 2, "directline", Consent.Declined, null, null, null, null, FollowUpStatus.New, null),
            ("f04", 3, "webchat", Consent.Granted, "CdmoThenCmo", "Design", "sam@ortho.example", "Ortho Works", FollowUpStatus.Contacted, Bob),
            ("f05", 5, "msteams", Consent.Unknown, "Cdmo", "Feasibility", null, null, FollowUpStatus.New, null),
            ("f06", 8, "webchat", Consent.Granted, "Cdmo", "Design", "lee@vera.example", "Lee Implants", FollowUpStatus.Qualified, null),
            ("f07", 35, "directline", Consent.Granted, "Cmo", "Manufacturing", "ops@pumps.example", "Pump Makers", FollowUpStatus.New, Ann),
            ("f08", 41, "msteams", Consent.Granted, null, null, null, null, FollowUpStatus.New, null),
        ];
        foreach (var lead in leads)
        {
            var started = Day.AddDays(lead.Day);
            await Records.SaveFromTurnAsync(Lead(lead.Id, started, lead.Channel) with
            {
                Consent = lead.Consent,
                OutcomeModel = lead.Model,
                OutcomePhase = lead.Phase,
                Email = lead.Email,
                Company = lead.Company,
                ContactName = lead.Email is null ? null : "Vera Contact",
                Contact = lead.Email is null ? null : new System.Text.Json.Nodes.JsonObject { ["email"] = lead.Email, ["company"] = lead.Company },
                LastActivityAt = started.AddMinutes(lead.Day % 3),
                // f01 and f04 finished; f02 and f06 stopped after two answers, f03 after none, the others after five.
                Finished = lead.Id is "f01" or "f04",
                QuestionsAnswered = lead.Id switch { "f01" or "f04" => 11, "f02" or "f06" => 2, "f03" => 0, _ => 5 },
            }, default);
            // f01 and f07: a colleague joined a live chat with them.
            var live = lead.Id is "f01" or "f07" ? started.AddMinutes(5) : (DateTimeOffset?)null;
            if (lead.Status != FollowUpStatus.New || lead.Owner is not null)
            {
                await Records.UpdateFollowUpAsync(lead.Id, f => f with { Status = lead.Status, Owner = lead.Owner, LiveChatAt = live }, null, default);
            }
        }
        var stored = new List<ConversationRecord>();
        foreach (var lead in leads) stored.Add((await Records.GetAsync(lead.Id, default))!);

        var wrong = new List<string>();
        foreach (var (name, query) in Filters)
        {
            var expected = stored.Where(query.Matches).OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();
            var listed = new List<string>();
            string? token = null;
            do
            {
                var page = await Records.QueryAsync(query with { PageSize = 3, ContinuationToken = token }, default);
                listed.AddRange(page.Records.Select(r => r.Id));
                token = page.ContinuationToken;
            }
            while (token is not null);
            if (!expected.SequenceEqual(listed)) wrong.Add($"{name}: expected [{string.Join(", ", expected)}], listed [{string.Join(", ", listed)}]");
        }
        Assert.Empty(wrong);
        // The meaning itself, so that a filter that matched nothing everywhere could not pass unnoticed.
        Assert.Equal(["f06", "f01"], stored.Where(Filters.Single(f => f.Name == "status").Query.Matches).OrderByDescending(r => r.LastActivityAt).Select(r => r.Id));
        // The words may be in different fields: f06 has "vera" in its e-mail and "implants" in its company.
        Assert.Equal(["f01", "f06"], stored.Where(Filters.Single(f => f.Name == "two words, both needed").Query.Matches).Select(r => r.Id));
        Assert.Equal(["f02", "f03", "f05", "f06", "f08"], stored.Where(Filters.Single(f => f.Name == "nobody's").Query.Matches).Select(r => r.Id));
        Assert.Equal(["f01", "f07"], stored.Where(Filters.Single(f => f.Name == "chatted live").Query.Matches).Select(r => r.Id));
        Assert.Equal(["f02", "f06"], stored.Where(Filters.Single(f => f.Name == "dropped at question 3").Query.Matches).Select(r => r.Id));
    }

    [Fact]
    public async Task A_turn_reads_the_record_as_it_is_now_after_turns_sales_and_erasure_changed_it()
    {
        const string subject = "webchat/conversations/turns";
        await Records.SaveFromTurnAsync(Lead(subject, Day) with { Answers = new JsonObject { ["organization"] = "Startup" } }, default);
        var read = (await Records.GetForTurnAsync(subject, default))!;
        AssertSameRecord((await Records.GetAsync(subject, default))!, read);

        // A turn's save as the conversation log makes it: the record it read, with the answers and outcome it changed.
        await Records.SaveFromTurnAsync(read with
        {
            LastActivityAt = Day.AddMinutes(1), MessageCount = 2, OutcomeModel = "Cdmo",
            Answers = new JsonObject { ["organization"] = "Startup", ["maturity"] = "DesignInProgress" }, Outcome = new JsonObject { ["model"] = "cdmo" },
        }, default);
        var afterTurn = (await Records.GetForTurnAsync(subject, default))!;
        Assert.Equal("DesignInProgress", afterTurn.Answers!["maturity"]!.GetValue<string>());
        AssertSameRecord((await Records.GetAsync(subject, default))!, afterTurn);

        await Records.UpdateFollowUpAsync(subject, f => f with { Owner = Ann, Status = FollowUpStatus.Contacted }, null, default);
        var afterSales = (await Records.GetForTurnAsync(subject, default))!;
        Assert.Equal((FollowUpStatus.Contacted, Ann, 1L), (afterSales.FollowUp.Status, afterSales.FollowUp.Owner, afterSales.FollowUp.Version));
        Assert.Equal("cdmo", afterSales.Outcome!["model"]!.GetValue<string>());

        await Records.SaveFromTurnAsync(afterSales with { LastActivityAt = Day.AddMinutes(2), MessageCount = 3 }, default);
        var afterBoth = (await Records.GetForTurnAsync(subject, default))!;
        Assert.Equal((FollowUpStatus.Contacted, Ann, 1L, 3), (afterBoth.FollowUp.Status, afterBoth.FollowUp.Owner, afterBoth.FollowUp.Version, afterBoth.MessageCount));
        AssertSameRecord((await Records.GetAsync(subject, default))!, afterBoth);

        Assert.True(await Erasure.EraseAsync(subject, default));
        Assert.Null(await Records.GetForTurnAsync(subject, default));
    }

    [Fact]
    public async Task A_turns_save_keeps_the_JSON_it_left_alone_and_writes_what_it_changed_or_cleared()
    {
        const string subject = "webchat/conversations/columns";
        var outcome = new JsonObject { ["model"] = "cdmo", ["startingPhase"] = "productDefinition", ["risks"] = new JsonArray(new JsonObject { ["title"] = "Biocompatibility" }) };
        var reference = new JsonObject { ["serviceUrl"] = "https://webchat.example/", ["conversation"] = new JsonObject { ["id"] = "columns" } };
        await Records.SaveFromTurnAsync(Lead(subject, Day) with
        {
            Answers = new JsonObject { ["organization"] = "Startup" }, Outcome = outcome, OutcomeModel = "Cdmo",
            Contact = new JsonObject { ["email"] = "ada@acme.example" }, Email = "ada@acme.example", ConversationReference = reference,
            Meeting = new JsonObject { ["start"] = "2026-11-05T10:00:00Z" },
        }, default);
        var read = (await Records.GetForTurnAsync(subject, default))!;

        // The outcome comes again as an equal copy (each turn serializes it anew); the contact and meeting are cleared.
        await Records.SaveFromTurnAsync(read with
        {
            LastActivityAt = Day.AddMinutes(1), MessageCount = 2, Consent = Consent.Declined, Email = null, Contact = null, Meeting = null,
            Answers = new JsonObject { ["organization"] = "GrowingSme" }, Outcome = JsonNode.Parse(outcome.ToJsonString()),
        }, default);

        var stored = (await Records.GetAsync(subject, default))!;
        Assert.Equal("GrowingSme", stored.Answers!["organization"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(outcome, stored.Outcome), stored.Outcome?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(reference, stored.ConversationReference), stored.ConversationReference?.ToJsonString());
        Assert.Null(stored.Contact);
        Assert.Null(stored.Meeting);
        Assert.Equal((Consent.Declined, (string?)null, 2), (stored.Consent, stored.Email, stored.MessageCount));

        // A change inside the outcome is a change.
        var next = (await Records.GetForTurnAsync(subject, default))!;
        var changed = JsonNode.Parse(outcome.ToJsonString())!;
        changed["startingPhase"] = "verification";
        await Records.SaveFromTurnAsync(next with { LastActivityAt = Day.AddMinutes(2), MessageCount = 3, Outcome = changed }, default);
        Assert.Equal("verification", (await Records.GetAsync(subject, default))!.Outcome!["startingPhase"]!.GetValue<string>());
        AssertSameRecord((await Records.GetAsync(subject, default))!, (await Records.GetForTurnAsync(subject, default))!);
    }

    [Fact]
    public async Task A_turn_saving_after_its_record_was_erased_writes_the_whole_record_not_a_fragment()
    {
        const string subject = "webchat/conversations/gone";
        var full = Lead(subject, Day) with
        {
            Answers = new JsonObject { ["organization"] = "Startup" }, Outcome = new JsonObject { ["model"] = "cmo" }, OutcomeModel = "Cmo",
            ConversationReference = new JsonObject { ["serviceUrl"] = "https://webchat.example/" },
        };
        await Records.SaveFromTurnAsync(full, default);
        var read = (await Records.GetForTurnAsync(subject, default))!;
        Assert.True(await Erasure.EraseAsync(subject, default));

        await Records.SaveFromTurnAsync(read with { LastActivityAt = Day.AddMinutes(1), MessageCount = 2 }, default);

        var stored = (await Records.GetAsync(subject, default))!;
        Assert.Equal((2, "Cmo"), (stored.MessageCount, stored.OutcomeModel));
        Assert.True(JsonNode.DeepEquals(full.Answers, stored.Answers));
        Assert.True(JsonNode.DeepEquals(full.Outcome, stored.Outcome));
        Assert.True(JsonNode.DeepEquals(full.ConversationReference, stored.ConversationReference));
        AssertSameRecord(stored, (await Records.GetForTurnAsync(subject, default))!);
    }

    /// <summary>Field by field, the JSON columns by their content.</summary>
    protected static void AssertSameRecord(ConversationRecord expected, ConversationRecord actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, BotJson.Options), JsonSerializer.Serialize(actual, BotJson.Options));

    protected static ConversationRecord Lead(string id, DateTimeOffset started, string channel = "webchat") => new()
    {
        Id = id,
        ConversationId = id,
        ChannelId = channel,
        StartedAt = started,
        LastActivityAt = started,
        MessageCount = 1,
        Consent = Consent.Granted,
        UserName = "Prospect " + id,
    };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
