using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Bot;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>Whole conversations through <c>/api/messages</c> with <c>Storage:Provider=AzureTable</c> on the real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableConversationTests(AzuriteFixture fixture)
{
    private readonly string _prefix = Azurite.NewPrefix();

    [Fact]
    public async Task A_whole_assessment_is_stored_in_table_storage()
    {
        using var app = App();
        var chat = app.Chat(userName: "Ada Prospect");

        var last = await AssessmentWalk.AnswerAsync(chat, AssessmentWalk.StartupConcept);

        Assert.NotNull(RecommendationView.From(last).Headline);
        var records = app.Services.GetRequiredService<IConversationRecords>();
        var record = await records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.NotNull(record);
        Assert.Equal(Consent.Granted, record.Consent);
        Assert.Equal("Ada Prospect", record.UserName);
        Assert.Equal("concept", record.Answers!["maturity"]!.GetValue<string>());
        Assert.NotNull(record.Outcome);
        Assert.Equal(record.Id, Assert.Single((await records.QueryAsync(new ConversationQuery(), default)).Records).Id);
        var transcript = await app.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync(chat.ConversationId, default);
        Assert.Equal(AssessmentWalk.StartupConcept, transcript.Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text));
        Assert.Contains(transcript, e => e.Direction == TranscriptDirection.Outbound && e.Activity.Attachments?.Count > 0);
    }

    [Fact]
    public async Task A_turn_takes_five_table_requests_and_reads_no_ledger_row_for_a_new_activity()
    {
        var requests = new ConcurrentQueue<string>();
        using var app = App();
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<HttpPipelinePolicy>(new Recorder(requests))));
        // Another conversation first, so that start-up's work (tables, the months of the sales list) is done.
        await new TestChat(factory.CreateClient(), "requests-0", "emulator", "u0", "Bo", null, null).SendAsync("hi");
        var chat = new TestChat(factory.CreateClient(), "requests-1", "emulator", "u1", "Ada", null, null);
        requests.Clear();
        await chat.SendAsync("hi");
        // A new conversation's first turn knows from its range query that there is no record yet: it reads nothing more.
        var first = requests.Where(IsTurns).ToList();
        Assert.True(first.Count <= 5, string.Join("\n", first));
        Assert.DoesNotContain(first, r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains("(PartitionKey=", StringComparison.Ordinal));
        await chat.SendAsync("yes");
        requests.Clear();

        (await chat.SendAsync("startup")).Expect("Question 2 of ");
        (await chat.SendAsync("idea")).Expect("Question 3 of ");

        // Per turn: the record with the state (one range query), the inbound transcript row (whose create-only
        // marker is the duplicate check), the state with the turn record, then replies, record and result together,
        // and the list's index row. The ledger row is never read for a new activity.
        var turnRequests = requests.Where(IsTurns).ToList();
        Assert.True(turnRequests.Count <= 10, string.Join("\n", turnRequests));
        Assert.Equal(8, turnRequests.Count(r => r.Contains("$batch", StringComparison.Ordinal)));
        Assert.DoesNotContain(turnRequests, r => r.StartsWith("GET", StringComparison.Ordinal) && Uri.UnescapeDataString(r).Contains("turn:", StringComparison.Ordinal));
        Assert.Equal(["hi", "yes", "startup", "idea"], (await factory.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync("requests-1", default))
            .Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text));
        Assert.Equal(4, (await factory.Services.GetRequiredService<IConversationRecords>().GetAsync("emulator/conversations/requests-1", default))!.MessageCount);
    }

    [Fact]
    public async Task A_website_turn_appends_to_its_direct_line_log_without_reading_the_log_again()
    {
        var requests = new ConcurrentQueue<string>();
        using var app = App(settings: new Dictionary<string, string?> { ["DirectLine:TokenSigningKey"] = "test-signing-key-for-direct-line-tokens" });
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<HttpPipelinePolicy>(new Recorder(requests))));
        var client = new DirectLine.DirectLineClient(factory.CreateClient());
        var page = await client.GetPageTokenAsync();
        using (var start = await client.SendAsync(HttpMethod.Post, "/conversations", page.Token)) Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        await client.PostMessageAsync(page.ConversationId, page.Token, "hi");
        requests.Clear();

        await client.PostMessageAsync(page.ConversationId, page.Token, "yes", "client-2");

        // The post checks that the conversation exists (a point read of its meta row); then the inbound activity and
        // the two replies go to the Direct Line log in one transaction each (the meta row known from this instance's
        // own last append, not read again), beside the turn's five requests, and one merge before the second reply of
        // how many went out before it (a crash between the two then repeats neither).
        var turn = requests.Where(IsTurns).ToList();
        Assert.Single(turn, r => r.StartsWith("GET", StringComparison.Ordinal) && Uri.UnescapeDataString(r).Contains("dl:meta", StringComparison.Ordinal));
        Assert.Single(turn, r => r.StartsWith("PATCH", StringComparison.Ordinal) && Uri.UnescapeDataString(r).Contains("turn:", StringComparison.Ordinal));
        Assert.True(turn.Count <= 10, string.Join("\n", turn));
    }

    /// <summary>Not the alert sender's polling, nor the retention job's scans at start-up (a query naming no partition, or all but two).</summary>
    private static bool IsTurns(string request)
    {
        var uri = Uri.UnescapeDataString(request);
        return !uri.Contains("alerts", StringComparison.Ordinal) && !uri.Contains("PartitionKey ne", StringComparison.Ordinal)
            && !(uri.Contains("$select=", StringComparison.Ordinal) && !uri.Contains("$filter=", StringComparison.Ordinal) && !uri.Contains("(PartitionKey=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sales_update_during_a_turn_is_kept_and_the_turn_still_logs_everything()
    {
        var sales = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, _prefix);
        var interference = new UpdateDuringTurn(() => sales.Records.UpdateFollowUpAsync("emulator/conversations/interfered-1",
            f => f with { Status = FollowUpStatus.Qualified, Owner = new SalesPerson("oid-sam", "Sam") }, null, default).GetAwaiter().GetResult());
        using var app = App();
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<HttpPipelinePolicy>(interference)));
        var chat = new TestChat(factory.CreateClient(), "interfered-1", "emulator", "u1", "Ada", null, null);
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");

        interference.Arm();
        (await chat.SendAsync("startup")).Expect("Question 2 of ");

        Assert.True(interference.Done);
        var record = (await factory.Services.GetRequiredService<IConversationRecords>().GetAsync("emulator/conversations/interfered-1", default))!;
        Assert.Equal((FollowUpStatus.Qualified, "Sam", 3), (record.FollowUpStatus, record.FollowUp.Owner!.Name, record.MessageCount));
        var transcript = await factory.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync("interfered-1", default);
        Assert.Equal(["hi", "yes", "startup"], transcript.Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text));
        Assert.Contains(transcript, e => e.Direction == TranscriptDirection.Outbound
            && System.Text.Json.JsonSerializer.Serialize(e.Activity, BotFramework.Schema.BotJson.Options).Contains("Question 2 of ", StringComparison.Ordinal));
        Assert.Single((await factory.Services.GetRequiredService<IConversationRecords>().QueryAsync(new ConversationQuery(), default)).Records);
    }

    /// <summary>Runs a sales update as the armed turn commits its dialog state: after the turn read the record, before it saves it.</summary>
    private sealed class UpdateDuringTurn(Action update) : HttpPipelineSynchronousPolicy
    {
        private int _batchesLeft;

        public bool Done { get; private set; }

        public void Arm() => Interlocked.Exchange(ref _batchesLeft, 2);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (!message.Request.Uri.ToString().Contains("$batch", StringComparison.Ordinal) || Volatile.Read(ref _batchesLeft) == 0) return;
            if (Interlocked.Decrement(ref _batchesLeft) != 0) return;
            update();
            Done = true;
        }
    }

    private sealed class Recorder(ConcurrentQueue<string> requests) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => requests.Enqueue($"{message.Request.Method} {message.Request.Uri}");
    }

    [Fact]
    public async Task A_restarted_bot_continues_at_the_same_question()
    {
        using (var before = App())
        {
            var chat = before.Chat(conversationId: "restart-1");
            await chat.SendAsync("hi");
            await chat.SendAsync("yes");
            (await chat.SendAsync("startup")).Expect("Question 2 of ");
        }

        using var after = App();
        (await after.Chat(conversationId: "restart-1").SendAsync("proof of concept")).Expect("Question 3 of ");
        var transcript = await after.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync("restart-1", default);
        Assert.Equal(["hi", "yes", "startup", "proof of concept"], transcript.Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task Two_app_instances_racing_on_one_conversation_lose_no_update()
    {
        using var first = App();
        using var second = App();
        var a = first.Chat(conversationId: "race-1");
        var b = second.Chat(conversationId: "race-1");
        await a.SendAsync("hi");
        await b.SendAsync("yes");

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(a.SendAsync("startup"), b.SendAsync("concept"));
        }

        var stored = await first.Services.GetRequiredService<IStorage>().ReadAsync(DialogStateKey.For(a.NewMessage("x")), default);
        Assert.NotNull(stored);
        Assert.Contains("\"organization\":\"startup\"", stored.Json);
        Assert.Contains("\"maturity\":\"concept\"", stored.Json);
        var transcript = await second.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync("race-1", default);
        Assert.Equal(12, transcript.Count(e => e.Direction == TranscriptDirection.Inbound));
        Assert.Equal(transcript.OrderBy(e => e.Sequence).Select(e => e.Sequence), transcript.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_retry_that_another_instance_is_still_running_is_answered_with_that_turns_replies()
    {
        var (holdFirst, holdSecond) = (new HoldBatch(), new HoldBatch());
        using var one = App();
        using var two = App();
        var first = new TestChat(one.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<HttpPipelinePolicy>(holdFirst))).CreateClient(), "retry-elsewhere-1", "emulator", "u1", "Ada", null, null);
        var second = new TestChat(two.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<HttpPipelinePolicy>(holdSecond))).CreateClient(), "retry-elsewhere-1", "emulator", "u1", "Ada", null, null);
        await first.SendAsync("hi");
        await first.SendAsync("yes");
        var answer = first.NewMessage("startup");

        // The first instance logs the message and stops before its commit; the channel's retry of the same activity
        // reaches the second, which reads the state the first has not changed yet and gets as far as its own commit.
        holdFirst.Arm(2);
        var original = first.SendAsync(answer);
        await holdFirst.Reached;
        holdSecond.Arm(2);
        var retry = second.SendAsync(answer);
        await holdSecond.Reached;
        holdFirst.Release();
        var originalReplies = await original;
        holdSecond.Release();
        var retryReplies = await retry;

        originalReplies.Expect("Question 2 of ");
        // Run again on the first instance's state, the retry would have taken "startup" for question 2's answer.
        Assert.Equal(originalReplies.AllText, retryReplies.AllText);
        (await second.SendAsync("idea")).Expect("Question 3 of ");
        var transcript = await two.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync("retry-elsewhere-1", default);
        Assert.Equal(["hi", "yes", "startup", "idea"], transcript.Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text));
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.Outbound && e.Activity.Text?.Contains("Question 2 of ", StringComparison.Ordinal) == true);
    }

    /// <summary>Once armed, holds the chosen transaction (the first, second… <c>$batch</c> after arming) until released.</summary>
    private sealed class HoldBatch : HttpPipelinePolicy
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _batchesLeft;

        public Task Reached => _reached.Task.WaitAsync(TimeSpan.FromSeconds(20));

        public void Arm(int which) => Volatile.Write(ref _batchesLeft, which);

        public void Release() => _released.TrySetResult();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.ToString().Contains("$batch", StringComparison.Ordinal) && Volatile.Read(ref _batchesLeft) > 0
                && Interlocked.Decrement(ref _batchesLeft) == 0)
            {
                _reached.TrySetResult();
                await _released.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }
            await ProcessNextAsync(message, pipeline);
        }
    }

    [Fact]
    public async Task A_256_kb_activity_round_trips_byte_for_byte()
    {
        using var app = App();
        var chat = app.Chat();
        await chat.SendAsync("hi");
        var text = "ü🚀 " + string.Concat(Enumerable.Range(0, 12 * 1024).Select(i => $"{i:D9} ")) + " שלום";
        var message = chat.NewMessage(text);
        message.Value = System.Text.Json.Nodes.JsonNode.Parse("{\"note\":\"" + new string('n', 130 * 1024) + "\"}");
        var size = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message, BotFramework.Schema.BotJson.Options).Length;
        Assert.InRange(size, 250 * 1024, 256 * 1024);

        using var response = await chat.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await app.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync(chat.ConversationId, default))
            .Single(e => e.Activity.Id == message.Id);
        Assert.Equal(text, stored.Activity.Text);
        Assert.Equal(message.Value!.ToJsonString(), stored.Activity.Value!.ToJsonString());
    }

    [Theory]
    [InlineData("msteams", "19:abc@thread.tacv2;messageid=1700000000000", "29:1abcDEF-ghiJKL_mnoPQR", "channel")]
    [InlineData("msteams", "a:1Xyz-9_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOp", "29:1abcDEF|x", "personal")]
    [InlineData("webchat", "dl/odd#conv?id%41\\x|a:b;c@d", "dl_user#1/2?3", null)]
    public async Task Teams_shaped_and_awkward_ids_work_through_the_whole_stack(string channel, string conversationId, string userId, string? conversationType)
    {
        using var app = App();
        var chat = app.Chat(conversationId: conversationId, channelId: channel, userId: userId, conversationType: conversationType);

        // In a channel the bot answers what mentions it (it may hear every message of the channel).
        BotFramework.Schema.Activity Say(string text)
        {
            var message = chat.NewMessage(conversationType == "channel" ? "<at>PartnerBot</at> " + text : text);
            if (conversationType == "channel")
            {
                message.Entities = [System.Text.Json.JsonSerializer.Deserialize<BotFramework.Schema.Entity>(
                    """{"type":"mention","mentioned":{"id":"partnerbot","name":"PartnerBot"},"text":"<at>PartnerBot</at>"}""", BotFramework.Schema.BotJson.Options)!];
            }
            return message;
        }
        await chat.SendAsync(Say("hi"));
        await chat.SendAsync(Say("yes"));
        (await chat.SendAsync(Say("startup"))).Expect("Question 2 of ");

        var key = DialogStateKey.For(chat.NewMessage("x"));
        Assert.Contains("\"organization\":\"startup\"", (await app.Services.GetRequiredService<IStorage>().ReadAsync(key, default))!.Json);
        Assert.Equal(conversationId, (await app.Services.GetRequiredService<IConversationRecords>().GetAsync(key, default))!.ConversationId);
        Assert.Equal(3, (await app.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync(conversationId, default)).Count(e => e.Direction == TranscriptDirection.Inbound));
    }

    [Fact]
    public async Task Declining_consent_redacts_the_transcript_and_the_sales_list_in_table_storage()
    {
        using var app = App();
        var chat = app.Chat(userName: "Bob Secret");
        string[] answers = ["hello, I'm Bob from Secret Devices", "no", .. AssessmentWalk.StartupConcept[2..]];

        (await AssessmentWalk.AnswerAsync(chat, answers)).Expect("that's everything I need");

        var records = app.Services.GetRequiredService<IConversationRecords>();
        var record = await records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.Equal(Consent.Declined, record!.Consent);
        Assert.Null(record.UserName);
        Assert.StartsWith("h:", record.UserId);
        var listed = Assert.Single((await records.QueryAsync(new ConversationQuery(), default)).Records);
        Assert.Equal((Consent.Declined, (string?)null, record.UserId), (listed.Consent, listed.UserName, listed.UserId));
        var transcript = await app.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync(chat.ConversationId, default);
        Assert.Equal(answers.Length, transcript.Count(e => e.Direction == TranscriptDirection.Inbound));
        var stored = string.Join("\n", transcript.Select(e => System.Text.Json.JsonSerializer.Serialize(e.Activity, BotFramework.Schema.BotJson.Options)));
        Assert.DoesNotContain("Bob", stored);
        Assert.DoesNotContain("Secret", stored);
        Assert.DoesNotContain(chat.UserId, stored);
    }

    [Fact]
    public async Task The_embedded_direct_line_keeps_its_log_in_table_storage_across_a_restart()
    {
        var settings = new Dictionary<string, string?> { ["DirectLine:TokenSigningKey"] = "test-signing-key-for-direct-line-tokens", ["DirectLine:MaxActivitiesPerConversation"] = "4" };
        DirectLine.DirectLineClient.PageToken page;
        using (var before = App(settings: settings))
        {
            var client = new DirectLine.DirectLineClient(before.CreateClient());
            page = await client.GetPageTokenAsync();
            using var start = await client.SendAsync(HttpMethod.Post, "/conversations", page.Token);
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            await client.PostMessageAsync(page.ConversationId, page.Token, "hi");
            await client.PostMessageAsync(page.ConversationId, page.Token, "yes", "client-2");
        }

        using var after = App(settings: settings);
        var set = await new DirectLine.DirectLineClient(after.CreateClient()).GetActivitiesAsync(page.ConversationId, page.Token);

        // hi, welcome, consent question, yes, thanks, question 1: only the newest four are kept.
        Assert.Equal(["0000003", "0000004", "0000005", "0000006"], set.Activities.Select(a => a.Id![^7..]));
        Assert.Equal("yes", set.Activities[1].Text);
        Assert.Contains(set.Activities, a => a.Text?.Contains("Question 1 of ") == true);
        Assert.Equal("6", set.Watermark);
    }

    private PartnerBotApplication App(Azurite? azurite = null, IDictionary<string, string?>? settings = null) =>
        AzureTableApp.Create(azurite ?? fixture.Azurite, _prefix, settings);
}
