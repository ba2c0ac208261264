using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The shared store contract, and what is particular to Table storage, against the real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreTests : StoreContractTests
{
    /// <summary>Ids as Teams and Direct Line send them, and worse: every character a Table key forbids.</summary>
    public static readonly TheoryData<string> AwkwardIds = new()
    {
        "19:abc@thread.tacv2;messageid=1700000000000",
        "a:1Xyz-9_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
        "29:1abcDEF-ghiJKL_mnoPQR|livechat",
        "19:meeting_NjQ1ZTk4@thread.v2",
        "slash/back\\slash#hash?query%percent'quote\"double",
        "control\u0001\u001f\u007f\u0085chars",
        "ünïcødé 🚀 שלום",
        new string('x', 2_000) + ":long",
    };

    private readonly Azurite _azurite;
    private readonly Lazy<Stores> _store;

    public AzureTableStoreTests(AzuriteFixture fixture)
    {
        _azurite = fixture.Azurite;
        _store = new(() => Create(_azurite.ConnectionString, Azurite.NewPrefix()));
    }

    protected override Stores Store => _store.Value;

    public override void Dispose()
    {
    }

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public void Keys_are_valid_table_keys_and_decode_to_the_id(string id)
    {
        var key = TableKeys.Encode(id);

        Assert.True(Encoding.UTF8.GetByteCount(key) <= TableKeys.MaxEncodedLength);
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        if (key.Contains("~~", StringComparison.Ordinal)) Assert.True(id.Length > 100);
        else Assert.Equal(id, TableKeys.Decode(key));
        Assert.NotEqual(key, TableKeys.Encode(id + "x"));
    }

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task Every_kind_of_row_works_with_awkward_conversation_ids(string conversationId)
    {
        var stateKey = $"msteams/conversations/{conversationId}/users/29:1user|x";
        var etag = await Store.Ledger.CommitAsync(new TurnCommit(conversationId, "1:1activity;id@x", new StateWrite(stateKey, """{"step":1}""", null), Turn), default);
        await Store.Transcripts.AppendAsync([Entry(conversationId, "hello")], default);
        await Store.Records.SaveFromTurnAsync(Record(stateKey, conversationId), default);
        Assert.True(await Store.DirectLine.CreateConversationAsync(conversationId, "dl_user", default));
        await Store.DirectLine.AppendAsync(conversationId, new Activity { Type = "message", Text = "via direct line" }, KeepAll, default);

        Assert.Equal(etag, (await Store.State.ReadAsync(stateKey, default))!.ETag);
        Assert.Equal(Turn.Replies, (await Store.Ledger.FindAsync(conversationId, "1:1activity;id@x", default))!.Replies);
        Assert.Equal(["hello"], (await Store.Transcripts.GetTranscriptAsync(conversationId, default)).Select(e => e.Activity.Text));
        Assert.Equal(conversationId, (await Store.Records.GetAsync(stateKey, default))!.ConversationId);
        Assert.Equal(stateKey, Assert.Single((await Store.Records.QueryAsync(new ConversationQuery(), default)).Records).Id);
        var (activities, watermark) = await Store.DirectLine.ReadAsync(conversationId, null, Everything, default);
        Assert.Equal(1, watermark);
        Assert.Equal($"{conversationId}|0000001", Assert.Single(activities).Id);
    }

    [Fact]
    public async Task A_256_kb_activity_and_a_large_state_come_back_byte_for_byte()
    {
        var text = string.Concat(Enumerable.Range(0, 256 * 1024 / 16).Select(i => $"{i:X6}-ü🚀\"\\</>\u0001"))[..(250 * 1024)];
        var state = "{\"big\":\"" + new string('s', 700_000) + "\"}";

        await Store.Transcripts.AppendAsync([Entry("big", text)], default);
        await Store.State.WriteAsync("state-big", state, null, default);

        Assert.Equal(text, Assert.Single(await Store.Transcripts.GetTranscriptAsync("big", default)).Activity.Text);
        Assert.Equal(state, (await Store.State.ReadAsync("state-big", default))!.Json);
    }

    [Fact]
    public async Task An_append_larger_than_one_transaction_is_split_and_stays_in_order()
    {
        var entries = Enumerable.Range(0, 24).Select(i => Entry("large-append", $"{i:D2}" + new string('x', 200_000))).ToList();

        await Store.Transcripts.AppendAsync(entries, default);

        Assert.Equal(entries.Select(e => e.Activity.Text), (await Store.Transcripts.GetTranscriptAsync("large-append", default)).Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task Text_too_large_for_one_entity_is_refused_not_truncated()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.State.WriteAsync("huge", new string('h', TablePayload.MaxBytes + 1), null, default));

        Assert.Contains("at most", error.Message);
        Assert.Null(await Store.State.ReadAsync("huge", default));
    }

    [Fact]
    public async Task One_append_is_one_transaction_and_a_transcript_is_one_query()
    {
        var counter = new RequestCounter();
        var store = Create(_azurite.ConnectionString, Azurite.NewPrefix(), counter);
        var entries = Enumerable.Range(0, 30).Select(i => Entry("batched", $"m{i}")).ToList();

        counter.Reset();
        await store.Transcripts.AppendAsync(entries, default);
        var appendRequests = counter.Count;
        counter.Reset();
        var transcript = await store.Transcripts.GetTranscriptAsync("batched", default);

        Assert.Equal(1, appendRequests);
        Assert.Equal(1, counter.Count);
        Assert.Equal(entries.Select(e => e.Activity.Text), transcript.Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task A_dialogs_state_and_its_turn_record_are_one_transaction_in_the_conversations_partition()
    {
        var counter = new RequestCounter();
        var store = Create(_azurite.ConnectionString, Azurite.NewPrefix(), counter);
        const string conversation = "19:abc@thread.tacv2;messageid=1700000000000";
        var key = $"msteams/conversations/{conversation}/users/29:1abc";
        var first = await store.Ledger.CommitAsync(new TurnCommit(conversation, "a1", new StateWrite(key, """{"step":1}""", null), Turn), default);

        counter.Reset();
        var second = await store.Ledger.CommitAsync(new TurnCommit(conversation, "a2", new StateWrite(key, """{"step":2}""", first), Turn), default);
        var requests = counter.Count;
        await Assert.ThrowsAsync<ETagConflictException>(() => store.Ledger.CommitAsync(new TurnCommit(conversation, "a3", new StateWrite(key, """{"step":3}""", first), Turn), default));

        Assert.Equal(1, requests);
        Assert.Equal(new StoreItem("""{"step":2}""", second!), await store.State.ReadAsync(key, default));
        Assert.NotNull(await store.Ledger.FindAsync(conversation, "a2", default));
        Assert.Null(await store.Ledger.FindAsync(conversation, "a3", default));
    }

    [Fact]
    public async Task A_new_activity_is_told_from_a_retry_by_its_inbound_row_without_reading_the_ledger()
    {
        var counter = new RequestCounter();
        var store = Create(_azurite.ConnectionString, Azurite.NewPrefix(), counter);
        const string conversation = "a:1Xyz;messageid=9|0000001";
        var hello = Inbound(conversation, "a1", "hi");

        // New: the inbound row and its create-only marker answer the check in the one request that logs them.
        store.Ledger.DeferredDuplicateCheck!.Defer(conversation, "a1");
        counter.Reset();
        await store.Transcripts.AppendAsync([hello], default);
        await store.Ledger.DeferredDuplicateCheck!.EnsureNewAsync(conversation, "a1", default);
        Assert.Equal(1, counter.Count);

        // A retry of a turn that stopped before its commit runs again, and is not logged twice.
        store.Ledger.DeferredDuplicateCheck!.Defer(conversation, "a1");
        await store.Transcripts.AppendAsync([hello], default);
        await store.Ledger.DeferredDuplicateCheck!.EnsureNewAsync(conversation, "a1", default);

        // A retry of a committed turn stops at its inbound row, with the turn's record.
        await store.Ledger.CommitAsync(new TurnCommit(conversation, "a1", null, Turn), default);
        store.Ledger.DeferredDuplicateCheck!.Defer(conversation, "a1");
        var duplicate = await Assert.ThrowsAsync<DuplicateActivityException>(() => store.Transcripts.AppendAsync([hello], default));
        Assert.Equal(Turn.Replies, duplicate.Record.Replies);

        // A turn that writes nothing first asks the ledger, once.
        await store.Ledger.CommitAsync(new TurnCommit(conversation, "a2", null, Turn), default);
        store.Ledger.DeferredDuplicateCheck!.Defer(conversation, "a2");
        counter.Reset();
        await Assert.ThrowsAsync<DuplicateActivityException>(() => store.Ledger.DeferredDuplicateCheck!.EnsureNewAsync(conversation, "a2", default));
        await store.Ledger.DeferredDuplicateCheck!.EnsureNewAsync(conversation, "a2", default);
        Assert.Equal(1, counter.Count);
        store.Ledger.DeferredDuplicateCheck!.Defer(conversation, "a3");
        await store.Ledger.DeferredDuplicateCheck!.EnsureNewAsync(conversation, "a3", default);

        Assert.Equal(["hi"], (await store.Transcripts.GetTranscriptAsync(conversation, default)).Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task A_turn_reads_its_record_and_dialog_state_in_one_request_and_a_stale_copy_only_costs_a_conflict()
    {
        var counter = new RequestCounter();
        var prefix = Azurite.NewPrefix();
        var store = Create(_azurite.ConnectionString, prefix, counter);
        var elsewhere = Create(_azurite.ConnectionString, prefix);
        const string key = "msteams/conversations/19:abc@thread.tacv2;messageid=1/users/29:1abc";
        var first = await store.State.WriteAsync(key, """{"step":1}""", null, default);
        await store.Records.SaveFromTurnAsync(Record(key, "19:abc@thread.tacv2;messageid=1"), default);

        counter.Reset();
        Assert.NotNull(await store.Records.GetAsync(key, default));
        Assert.Equal(new StoreItem("""{"step":1}""", first), await store.State.ReadAsync(key, default));
        Assert.Equal(1, counter.Count);

        await store.Records.GetAsync(key, default);
        await elsewhere.State.WriteAsync(key, """{"step":2}""", first, default);
        var stale = await store.State.ReadAsync(key, default);
        await Assert.ThrowsAsync<ETagConflictException>(() => store.State.WriteAsync(key, """{"step":3}""", stale!.ETag, default));
        Assert.Equal("""{"step":2}""", (await store.State.ReadAsync(key, default))!.Json);
    }

    [Fact]
    public async Task Leads_page_newest_first_across_months_without_gaps_or_repeats()
    {
        var start = DateTimeOffset.Parse("2026-08-15T12:00:00Z");
        var saves = Enumerable.Range(0, 120).Select(i => Store.Records.SaveFromTurnAsync(Record($"lead-{i:D3}", $"lead-{i:D3}") with
        {
            StartedAt = start.AddDays(i),
            LastActivityAt = start.AddDays(i).AddHours(1),
            ChannelId = i % 3 == 0 ? "msteams" : "webchat",
        }, default));
        await Task.WhenAll(saves);

        var all = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.Records.QueryAsync(new ConversationQuery { PageSize = 25, ContinuationToken = token }, default);
            all.AddRange(page.Records.Select(r => r.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);
        var teams = await Store.Records.QueryAsync(new ConversationQuery { ChannelId = "msteams", From = start.AddDays(60), PageSize = 500 }, default);

        Assert.Equal(Enumerable.Range(0, 120).Reverse().Select(i => $"lead-{i:D3}"), all);
        Assert.Equal(Enumerable.Range(60, 60).Where(i => i % 3 == 0).Reverse().Select(i => $"lead-{i:D3}"), teams.Records.Select(r => r.Id));
    }

    [Fact]
    public async Task Records_written_before_the_sales_workspace_read_and_filter_as_new_ones()
    {
        // A record (and its list row) as the first version of this provider wrote them: notes in one property,
        // "Closed" for a finished lead, the contact only in its JSON, no owner, flags or version.
        await Store.Records.SaveFromTurnAsync(Record("legacy", "legacy") with { Contact = new JsonObject { ["name"] = "Lea Gacy", ["email"] = "Lea@Old.example", ["company"] = "Old Devices" } }, default);
        foreach (var (table, key) in new[] { (Store.Context!.Conversations, TableConversationRecords.KeyOf("legacy")), (Store.Context!.Leads, ((string, string))default) })
        {
            var partition = key.Item1;
            var row = key.Item2;
            if (table == Store.Context!.Leads)
            {
                var record = (await Store.Context!.Conversations.GetEntityAsync<TableEntity>(TableConversationRecords.KeyOf("legacy").PartitionKey, TableConversationRecords.KeyOf("legacy").RowKey)).Value;
                (partition, row) = (record.GetString("IndexPartition"), record.GetString("IndexRow"));
            }
            var entity = (await table.GetEntityAsync<TableEntity>(partition, row)).Value;
            foreach (var name in entity.Keys.Where(k => k is "Company" or "Email" or "EmailKey" or "ContactName" or "OwnerId" or "SalesVersion" or "ContactRequested" || k.StartsWith("FollowUp", StringComparison.Ordinal)).ToList()) entity.Remove(name);
            entity["FollowUpStatus"] = "Closed";
            entity["Notes"] = "Called in June, not interested";
            await table.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Replace);
        }

        var stored = (await Store.Records.GetAsync("legacy", default))!;
        var byEmail = await Store.Records.QueryAsync(new ConversationQuery { Email = "lea@old.EXAMPLE" }, default);
        var unowned = await Store.Records.QueryAsync(new ConversationQuery { OwnerId = ConversationQuery.Unowned, ContactRequested = true }, default);
        var updated = await Store.Records.UpdateFollowUpAsync("legacy", f => f with { Status = FollowUpStatus.Qualified }, 0, default);

        Assert.Equal((FollowUpStatus.Lost, "Old Devices", "Lea@Old.example", "Lea Gacy"), (stored.FollowUpStatus, stored.Company, stored.Email, stored.ContactName));
        Assert.Equal("Called in June, not interested", Assert.Single(stored.FollowUp.Timeline).Text);
        Assert.Equal("legacy", Assert.Single(byEmail.Records).Id);
        Assert.Equal("legacy", Assert.Single(unowned.Records).Id);
        Assert.Equal(FollowUpOutcome.Updated, updated.Outcome);
        Assert.Equal("Called in June, not interested", Assert.Single((await Store.Records.GetAsync("legacy", default))!.FollowUp.Timeline).Text);
    }

    [Fact]
    public async Task A_record_moved_by_a_later_turn_is_listed_once_at_its_new_time()
    {
        var first = DateTimeOffset.Parse("2026-09-30T23:00:00Z");
        await Store.Records.SaveFromTurnAsync(Record("moving", "moving") with { StartedAt = first, LastActivityAt = first }, default);
        await Store.Records.SaveFromTurnAsync(Record("other", "other") with { StartedAt = first, LastActivityAt = first.AddHours(2) }, default);
        await Store.Records.UpdateFollowUpAsync("moving", StoreContractTests.Set(FollowUpStatus.Contacted, "left a message"), null, default);

        await Store.Records.SaveFromTurnAsync(Record("moving", "moving") with { StartedAt = first, LastActivityAt = first.AddDays(1) }, default);

        var page = await Store.Records.QueryAsync(new ConversationQuery(), default);
        Assert.Equal(["moving", "other"], page.Records.Select(r => r.Id));
        Assert.Equal(FollowUpStatus.Contacted, page.Records[0].FollowUpStatus);
        Assert.Equal("left a message", Assert.Single(page.Records[0].FollowUp.Timeline).Text);
        Assert.Equal(first, page.Records[0].StartedAt);
    }

    [Fact]
    public async Task Redaction_leaves_no_part_of_a_large_original_in_the_table()
    {
        var secret = "Secret Devices " + new string('s', 200_000) + " and again Secret Devices";
        await Store.Transcripts.AppendAsync([Entry("large-redact", secret)], default);
        await Store.DirectLine.CreateConversationAsync("large-redact", "dl_visitor", default);
        await Store.DirectLine.AppendAsync("large-redact", new Activity { Type = "message", Text = secret }, KeepAll, default);

        await Store.Transcripts.RedactAsync("large-redact", "large-redact", e => e with { Activity = new Activity { Type = e.Activity.Type } }, default);
        await Store.DirectLine.RedactAsync("large-redact", a => new Activity { Type = a.Type, Id = a.Id }, id => "h:hashed", default);

        var rows = new List<TableEntity>();
        await foreach (var row in Store.Context!.Conversations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"large-redact"}"))) rows.Add(row);
        var everything = string.Join("\n", rows.SelectMany(r => r.Select(p => p.Value)).Select(v => v is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("Secret Devices", everything);
        Assert.DoesNotContain("dl_visitor", everything);
        Assert.Contains("h:hashed", everything);
    }

    [Fact]
    public async Task An_unreachable_account_is_storage_unavailable_not_a_crash()
    {
        await using var gone = await Azurite.StartAsync();
        var connectionString = gone.ConnectionString;
        var store = Create(connectionString, Azurite.NewPrefix());
        await gone.DisposeAsync();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.State.ReadAsync("k", default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Transcripts.AppendAsync([Entry("c", "lost?")], default));
    }

    internal static Stores Create(string connectionString, string prefix, HttpPipelinePolicy? policy = null, TimeProvider? clock = null) =>
        Stores.AzureTable(connectionString, prefix, policy, clock);

    private static readonly DirectLinePage Everything = new(1000, long.MaxValue);
    private static readonly DirectLineRetention KeepAll = new(1000, long.MaxValue);

    private static readonly TurnRecord Turn = new(["{\"type\":\"message\",\"text\":\"Question 1\"}"], 0, 200, null);

    private static TranscriptEntry Entry(string conversation, string text) =>
        new(conversation, conversation, TranscriptDirection.Inbound, DateTimeOffset.UtcNow, new Activity { Type = "message", Text = text, Conversation = new ConversationAccount { Id = conversation } });

    private static TranscriptEntry Inbound(string conversation, string activityId, string text) =>
        new(conversation, conversation, TranscriptDirection.Inbound, DateTimeOffset.UtcNow,
            new Activity { Type = "message", Id = activityId, Text = text, Conversation = new ConversationAccount { Id = conversation } });

    private static ConversationRecord Record(string id, string conversationId) => new()
    {
        Id = id,
        ConversationId = conversationId,
        ChannelId = "msteams",
        StartedAt = DateTimeOffset.UtcNow,
        LastActivityAt = DateTimeOffset.UtcNow,
        MessageCount = 1,
        Consent = Consent.Granted,
        Answers = new JsonObject { ["organization"] = "startup" },
    };
}
