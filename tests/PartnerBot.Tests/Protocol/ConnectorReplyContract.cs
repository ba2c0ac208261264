using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Bot;
using PartnerBot.BotFramework.Storage;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Protocol;

/// <summary>
/// Replies that go back through the channel's Bot Connector (a loopback fake speaking the v3 REST shape), and
/// channels' retries of the same activity, on each storage provider (the ledger finds duplicates differently).
/// </summary>
public abstract class ConnectorReplyContract : IAsyncLifetime
{
    private PartnerBotApplication _app = null!;
    private FakeConnector _connector = null!;

    /// <summary>The storage settings of the provider under test (none for the embedded default).</summary>
    protected abstract IDictionary<string, string?> StorageSettings { get; }

    private ITranscriptStore Transcripts => _app.Services.GetRequiredService<ITranscriptStore>();

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _app = new PartnerBotApplication(settings: StorageSettings);
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task Replies_are_posted_to_the_service_url_as_replies_to_the_inbound_activity()
    {
        var chat = _app.Chat(conversationId: "a:1;messageid=42/x", serviceUrl: _connector.ServiceUrl.ToString());
        var hello = chat.NewMessage("hi");

        using var response = await chat.PostAsync(hello);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync()).Length);
        var received = await _connector.WaitForMessagesAsync(2);
        Assert.Equal(2, received.Count);
        Assert.All(received, r =>
        {
            Assert.Equal("a:1;messageid=42/x", r.ConversationId);
            Assert.Equal(hello.Id, r.ReplyToId);
            Assert.Equal(hello.Id, r.Activity.ReplyToId);
            Assert.Equal("partnerbot", r.Activity.From!.Id);
            Assert.Equal(chat.UserId, r.Activity.Recipient!.Id);
            Assert.Equal("a:1;messageid=42/x", r.Activity.Conversation!.Id);
            Assert.Equal("emulator", r.Activity.ChannelId);
            Assert.Equal("en-US", r.Activity.Locale);
            Assert.Equal(string.Empty, r.Authorization);
        });
        Assert.Contains("May we keep this conversation", received[1].Activity.Text);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried_and_delivered_once()
    {
        _connector.FailNext(429, "1");
        var chat = _app.Chat(serviceUrl: _connector.ServiceUrl.ToString());

        using var response = await chat.PostAsync(chat.NewMessage("hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = await _connector.WaitForMessagesAsync(2);
        Assert.Equal(2, received.Count);
        // One refused attempt plus the two deliveries (a typing indicator may also have gone out on a slow machine).
        Assert.Equal(3, _connector.Attempts - (_connector.Received.Count - received.Count));
    }

    [Fact]
    public async Task A_connector_that_keeps_failing_costs_no_progress_and_the_retry_delivers_the_replies()
    {
        var chat = _app.Chat(serviceUrl: _connector.ServiceUrl.ToString());
        using (var hello = await chat.PostAsync(chat.NewMessage("hi"))) Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        await _connector.WaitForMessagesAsync(2);
        for (var i = 0; i < 20; i++) _connector.FailNext(503, "0");
        var consent = chat.NewMessage("yes");

        using (var failed = await chat.PostAsync(consent))
        {
            // The channel is told to try again; the answer was recorded against the question the user saw.
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }
        Assert.Equal(2, _connector.Messages.Count);
        var transcript = await Transcripts.GetTranscriptAsync(chat.ConversationId, default);
        Assert.Contains(transcript, e => e.Direction == TranscriptDirection.Inbound && e.Activity.Text == "yes");
        Assert.DoesNotContain(transcript, e => e.Activity.Text == TurnErrorHandler.Apology);

        _connector.Recover();
        using (var retry = await chat.PostAsync(consent)) Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        var delivered = (await _connector.WaitForMessagesAsync(4)).Skip(2).ToList();
        Assert.Equal(2, delivered.Count);
        Assert.All(delivered, r => Assert.Equal(consent.Id, r.ReplyToId));
        Assert.Contains("Question 1 of ", delivered[1].Activity.Text);
        using (var answer = await chat.PostAsync(chat.NewMessage("startup"))) Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Question 2 of ", (await _connector.WaitForMessagesAsync(5)).Last().Activity.Text);
        Assert.Single(await Transcripts.GetTranscriptAsync(chat.ConversationId, default), e => e.Direction == TranscriptDirection.Inbound && e.Activity.Text == "yes");
    }

    [Fact]
    public async Task A_turn_finishes_and_delivers_its_replies_when_the_channel_stops_waiting()
    {
        // Real HTTP, so that the client's giving up reaches the server as it does from a channel.
        using var bot = new KestrelPartnerBot(StorageSettings);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new TestChat(http, "gave-up-1", "emulator", "user-1", "Ada", null, _connector.ServiceUrl.ToString());
        using (var hello = await chat.PostAsync(chat.NewMessage("hi"))) Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        await _connector.WaitForMessagesAsync(2);
        _connector.Hold();
        var attempts = _connector.Attempts;

        using var gaveUp = new CancellationTokenSource();
        var request = chat.Client.PostAsJsonAsync("/api/messages", chat.NewMessage("yes"), BotJson.Options, gaveUp.Token);
        while (_connector.Attempts == attempts) await Task.Delay(10);
        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        _connector.Release();

        var delivered = await _connector.WaitForMessagesAsync(4);
        Assert.Contains("Question 1 of ", delivered[^1].Activity.Text);
        using (var next = await chat.PostAsync(chat.NewMessage("startup"))) Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("Question 2 of ", (await _connector.WaitForMessagesAsync(5))[^1].Activity.Text);
    }

    [Fact]
    public async Task A_retried_activity_id_does_not_run_the_turn_twice()
    {
        var chat = _app.Chat(serviceUrl: _connector.ServiceUrl.ToString());
        var hello = chat.NewMessage("hi");

        using (var first = await chat.PostAsync(hello)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var retry = await chat.PostAsync(hello)) Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        await Task.Delay(200);
        Assert.Equal(2, _connector.Messages.Count);
        var inbound = (await Transcripts.GetTranscriptAsync(chat.ConversationId, default)).Where(e => e.Direction == TranscriptDirection.Inbound);
        Assert.Single(inbound);
    }

    [Fact]
    public async Task A_retried_expect_replies_activity_gets_the_same_replies_without_a_second_turn()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        var answer = chat.NewMessage("yes");

        var first = await chat.SendAsync(answer);
        var retry = await chat.SendAsync(answer);

        Assert.Equal(first.AllText, retry.AllText);
        first.Expect("Question 1 of ");
        // Had the retry run as a turn, "yes" would not be a valid organization and the bot would re-prompt.
        (await chat.SendAsync("startup")).Expect("Question 2 of ");
    }

    [Fact]
    public async Task The_error_handler_apologises_and_resets_the_dialog()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("startup");

        await _app.Services.GetRequiredService<IStorage>().WriteAsync(BotFramework.Dialogs.DialogStateKey.For(chat.NewMessage("x")), """{"stack":[{"id":"no-such-dialog"}]}""", "*", default);
        var replies = await chat.SendAsync("concept");

        replies.Expect(TurnErrorHandler.Apology);
        (await chat.SendAsync("hello again")).Expect("May we keep this conversation");
    }
}
