using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Protocol;

/// <summary>
/// The process dies at each point of a turn (after each of its ledger writes, and in the middle of a send), then
/// starts again on the same store, and the channel sends the activity again with its id. The retry is answered with
/// a status the protocol knows, delivers what the first attempt did not (at most the one reply whose send was cut
/// off goes out twice), and the person's next answer is taken for the question they saw.
/// </summary>
public abstract class CrashPointContract : IAsyncLifetime
{
    private const string Greeting = "development-partner advisor";
    private const string ConsentQuestion = "May we keep this conversation";

    private readonly string _directory = TestDirectory.Create();
    private readonly string _conversationId = "crash-" + Guid.NewGuid().ToString("N")[..10];
    private FakeConnector _connector = null!;

    /// <summary>The storage settings of the provider under test; the restarted app gets the same ones.</summary>
    protected abstract IDictionary<string, string?> StorageSettings { get; }

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        _connector.ReleaseAnswers();
        await _connector.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }

    [Theory]
    [InlineData(LedgerWrite.DialogCommit, new string[0])]
    [InlineData(LedgerWrite.Delivered, new[] { Greeting })]
    [InlineData(LedgerWrite.Result, new[] { Greeting, ConsentQuestion })]
    public async Task A_crash_after_a_ledger_write_is_answered_by_the_retry_with_exactly_the_missing_replies(LedgerWrite crashAfter, string[] beforeTheCrash)
    {
        var hello = Template(_connector.ServiceUrl).NewMessage("hi");
        await CrashAsync(hello, crashAfter);
        AssertTexts(beforeTheCrash, _connector.Messages);

        using var restarted = Start();
        var chat = restarted.Chat(conversationId: _conversationId, serviceUrl: _connector.ServiceUrl.ToString());
        using (var retry = await chat.PostAsync(hello)) Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        // Each reply reached the channel once: the ones sent before the crash were not sent again.
        var delivered = await _connector.WaitForMessagesAsync(2);
        AssertTexts([Greeting, ConsentQuestion], delivered);
        Assert.All(delivered, m => Assert.Equal(hello.Id, m.ReplyToId));
        await AssertTranscriptHasBothRepliesOnceAsync(restarted);
        await AssertNextAnswerIsTakenForTheConsentQuestionAsync(chat, 2);
    }

    [Fact]
    public async Task A_crash_in_the_middle_of_a_send_repeats_that_one_reply_and_nothing_else()
    {
        var hello = Template(_connector.ServiceUrl).NewMessage("hi");
        // The channel has the greeting, but the bot never hears so: the process dies waiting for the answer.
        _connector.HoldAnswers();
        await using (var crashed = Start())
        {
            var post = crashed.Chat(conversationId: _conversationId, serviceUrl: _connector.ServiceUrl.ToString()).PostAsync(hello);
            await _connector.WaitForMessagesAsync(1);
        }
        _connector.ReleaseAnswers();
        AssertTexts([Greeting], _connector.Messages);

        using var restarted = Start();
        var chat = restarted.Chat(conversationId: _conversationId, serviceUrl: _connector.ServiceUrl.ToString());
        using (var retry = await chat.PostAsync(hello)) Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        AssertTexts([Greeting, Greeting, ConsentQuestion], await _connector.WaitForMessagesAsync(3));
        await AssertTranscriptHasBothRepliesOnceAsync(restarted);
        await AssertNextAnswerIsTakenForTheConsentQuestionAsync(chat, 3);
    }

    [Theory]
    [InlineData(LedgerWrite.DialogCommit)]
    [InlineData(LedgerWrite.Result)]
    public async Task An_expect_replies_retry_after_a_crash_gets_200_and_every_reply(LedgerWrite crashAfter)
    {
        var hello = Template(null).NewMessage("hi");
        await CrashAsync(hello, crashAfter);

        using var restarted = Start();
        var chat = restarted.Chat(conversationId: _conversationId);
        using var retry = await chat.PostAsync(hello);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var replies = JsonSerializer.Deserialize<ExpectedReplies>(await retry.Content.ReadAsStringAsync(), BotJson.Options)!.Activities;
        Assert.Equal(2, replies.Count);
        Assert.Contains(Greeting, replies[0].Text);
        Assert.Contains(ConsentQuestion, replies[1].Text);
        Assert.Equal(chat.UserId, replies[1].Recipient?.Id);
        await AssertTranscriptHasBothRepliesOnceAsync(restarted);
        // Answered from the ledger again, the turn's replies are not logged a second time.
        using (var again = await chat.PostAsync(hello)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await AssertTranscriptHasBothRepliesOnceAsync(restarted);
        (await chat.SendAsync("yes")).Expect("Question 1 of ");
    }

    /// <summary>Runs the turn of <paramref name="activity"/> in an app that dies right after the chosen ledger write.</summary>
    private async Task CrashAsync(Activity activity, LedgerWrite crashAfter)
    {
        CrashingLedger? ledger = null;
        await using var crashed = Start(CrashingLedger.Install(activity.Id!, crashAfter, created => ledger = created));
        var chat = crashed.Chat(conversationId: _conversationId, serviceUrl: activity.ServiceUrl);
        // Never answered: the process is gone before the turn ends.
        _ = chat.PostAsync(activity);
        await Eventually.WaitUntilAsync(() => Task.FromResult(ledger is not null), "the app to create its ledger");
        await ledger!.Crashed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private PartnerBotApplication Start(Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>(StorageSettings) { ["Shutdown:DrainSeconds"] = "1" };
        return new PartnerBotApplication(_directory, settings, services);
    }

    /// <summary>Builds the channel's activities (their ids stay the same on the retry), whichever app they go to.</summary>
    private TestChat Template(Uri? serviceUrl) =>
        new(new HttpClient(), _conversationId, "emulator", "user-1", "Ada Prospect", null, serviceUrl?.ToString());

    private async Task AssertNextAnswerIsTakenForTheConsentQuestionAsync(TestChat chat, int deliveredSoFar)
    {
        using (var answer = await chat.PostAsync(chat.NewMessage("yes"))) Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var messages = await _connector.WaitForMessagesAsync(deliveredSoFar + 1);
        Assert.Contains("Question 1 of ", messages[^1].Activity.Text);
    }

    /// <summary>
    /// The sales transcript has the turn's two replies once, whether the final result logged them or the retry did.
    /// Logged by the retry, they are redacted: whether the prospect agreed to be kept is not known yet.
    /// </summary>
    private async Task AssertTranscriptHasBothRepliesOnceAsync(PartnerBotApplication app)
    {
        var transcript = await app.Services.GetRequiredService<PartnerBot.Storage.ITranscriptStore>().GetTranscriptAsync(_conversationId, default);
        Assert.Single(transcript, e => e.Direction == PartnerBot.Storage.TranscriptDirection.Inbound);
        Assert.Equal(2, transcript.Count(e => e.Direction == PartnerBot.Storage.TranscriptDirection.Outbound));
    }

    private static void AssertTexts(IReadOnlyList<string> expected, IReadOnlyList<ReceivedActivity> messages)
    {
        Assert.True(expected.Count == messages.Count,
            $"Expected {expected.Count} messages at the channel, got {messages.Count}:\n{string.Join("\n", messages.Select(m => m.Activity.Text))}");
        for (var i = 0; i < expected.Count; i++) Assert.Contains(expected[i], messages[i].Activity.Text);
    }
}

public sealed class SqliteCrashPointTests : CrashPointContract
{
    protected override IDictionary<string, string?> StorageSettings { get; } = new Dictionary<string, string?>();
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableCrashPointTests(AzuriteFixture fixture) : CrashPointContract
{
    protected override IDictionary<string, string?> StorageSettings { get; } = new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "AzureTable",
        ["Storage:ConnectionString"] = fixture.Azurite.ConnectionString,
        ["Storage:TablePrefix"] = Azurite.NewPrefix(),
    };
}
