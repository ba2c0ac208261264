using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Hosting;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Protocol;

/// <summary>
/// A stopping instance (SIGTERM on a deploy or a scale-in) lets its turns in flight finish and refuses new ones with
/// 503, so the channel sends them again; a turn stopped when the drain time ran out records nothing. A turn whose
/// dialogs committed but whose final result was never recorded (a stop or crash between the two) is answered 200
/// with its replies on the retry, never with a status the protocol does not know.
/// </summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private readonly HoldingMiddleware _hold = new();
    private PartnerBotApplication _app = null!;

    public Task InitializeAsync()
    {
        _app = new PartnerBotApplication(settings: new Dictionary<string, string?> { ["Shutdown:DrainSeconds"] = "2" },
            services: services => services.AddSingleton<IMiddleware>(_hold));
        _ = _app.Server;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _hold.Release();
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_turn_in_flight_at_shutdown_finishes_and_new_activities_are_told_to_come_back()
    {
        var held = _app.Chat();
        var turn = held.PostAsync(held.NewMessage(HoldingMiddleware.Word));
        await _hold.Entered;

        var stopping = Drain().StoppingAsync(CancellationToken.None);
        var other = _app.Chat();
        using (var refused = await other.PostAsync(other.NewMessage("hi")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
        }
        Assert.False(stopping.IsCompleted);

        _hold.Release();
        using var finished = await turn;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        var replies = JsonSerializer.Deserialize<ExpectedReplies>(await finished.Content.ReadAsStringAsync(), BotJson.Options)!.Activities;
        Assert.Contains(replies, r => r.Text?.Contains("development-partner advisor", StringComparison.Ordinal) == true);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        // Nothing about the refused activity was kept: the channel sends it again to an instance that runs.
        Assert.Null(await _app.Store.Records.GetAsync("emulator/conversations/" + other.ConversationId, default));
    }

    [Fact]
    public async Task A_turn_still_running_when_the_drain_time_ends_records_nothing_and_asks_for_the_retry()
    {
        var held = _app.Chat();
        var activity = held.NewMessage(HoldingMiddleware.Word);
        var turn = held.PostAsync(activity);
        await _hold.Entered;

        await Drain().StoppingAsync(CancellationToken.None);

        using var stopped = await turn;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
        Assert.Null(await _app.Services.GetRequiredService<ITurnLedger>().FindAsync(held.ConversationId, activity.Id!, default));
        // The dialog was not reset and no apology was stored: the retry starts the conversation as if for the first time.
        var said = await _app.Store.Transcripts.GetTranscriptAsync(held.ConversationId, default);
        Assert.DoesNotContain(said, e => e.Direction == PartnerBot.Storage.TranscriptDirection.Outbound);
    }

    [Fact]
    public async Task A_retry_of_a_turn_whose_result_was_never_recorded_gets_200_and_its_replies()
    {
        var chat = _app.Chat();
        var activity = chat.NewMessage("hi");
        // As the dialogs leave it when the process stops between their commit and the final one: replies, no status.
        var reply = JsonSerializer.Serialize(Activity.CreateMessage("Question 1 of 16 (committed before the stop)"), BotJson.Options);
        await _app.Services.GetRequiredService<ITurnLedger>().CommitAsync(
            new TurnCommit(chat.ConversationId, activity.Id!, null, new TurnRecord([reply], Delivered: 0, StatusCode: 0, ResponseBody: null)), default);

        var replies = await chat.SendAsync(activity);

        replies.Expect("committed before the stop");
    }

    private TurnDraining Drain() => _app.Services.GetServices<IHostedService>().OfType<TurnDraining>().Single();

    /// <summary>Holds the turn of a message saying <see cref="Word"/> until released, as a slow turn would be at shutdown.</summary>
    private sealed class HoldingMiddleware : IMiddleware
    {
        public const string Word = "hold";
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _release.TrySetResult();

        public async Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken)
        {
            if (turn.Activity.Text == Word)
            {
                _entered.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
            }
            await next(cancellationToken);
        }
    }
}
