using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Protocol;

public sealed class ShowTypingMiddlewareTests
{
    private sealed class RecordingDelivery : IActivityDelivery
    {
        private readonly TaskCompletionSource _twoTypings = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Types { get; } = [];

        /// <summary>Completes once two typing indicators have been delivered.</summary>
        public Task TwoTypings => _twoTypings.Task;

        public Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
        {
            lock (Types)
            {
                Types.Add(activity.Type!);
                if (Types.Count(t => t == "typing") >= 2) _twoTypings.TrySetResult();
            }
            return Task.FromResult(new ResourceResponse());
        }
    }

    private static Activity Inbound(string? deliveryMode = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = "hi",
        DeliveryMode = deliveryMode,
        Conversation = new ConversationAccount { Id = "c" },
        From = new ChannelAccount { Id = "u" },
        Recipient = new ChannelAccount { Id = "b" },
    };

    [Fact]
    public async Task A_slow_turn_shows_typing_until_its_reply_and_then_stops()
    {
        var delivery = new RecordingDelivery();
        var turn = new TurnContext(Inbound(), delivery);
        var middleware = new ShowTypingMiddleware(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(60));

        // The turn lasts until typing has been shown twice (however busy the machine), then replies and lingers.
        await middleware.OnTurnAsync(turn, async ct =>
        {
            await delivery.TwoTypings.WaitAsync(TimeSpan.FromSeconds(30), ct);
            await turn.SendActivityAsync("done", ct);
            await Task.Delay(300, ct);
        }, default);

        var types = delivery.Types;
        Assert.True(types.Count(t => t == "typing") >= 2, string.Join(",", types));
        Assert.Equal("message", types[^1]);
    }

    [Fact]
    public async Task A_fast_turn_or_an_expect_replies_turn_shows_no_typing()
    {
        var fast = new RecordingDelivery();
        var turn = new TurnContext(Inbound(), fast);
        await new ShowTypingMiddleware(TimeSpan.FromMilliseconds(200)).OnTurnAsync(turn, ct => turn.SendActivityAsync("quick", ct), default);

        var buffered = new RecordingDelivery();
        var expectReplies = new TurnContext(Inbound(DeliveryModes.ExpectReplies), buffered);
        await new ShowTypingMiddleware(TimeSpan.FromMilliseconds(10)).OnTurnAsync(expectReplies, ct => Task.Delay(100, ct), default);

        Assert.Equal(["message"], fast.Types);
        Assert.Empty(buffered.Types);
    }
    [Fact]
    public async Task A_message_sent_after_the_middleware_returned_still_goes_out()
    {
        // The error handler may apologise after every middleware has unwound, through the same turn.
        var delivery = new RecordingDelivery();
        var turn = new TurnContext(Inbound(), delivery);
        await new ShowTypingMiddleware(TimeSpan.FromMilliseconds(10)).OnTurnAsync(turn, _ => Task.CompletedTask, default);

        await turn.SendActivityAsync("Sorry, something went wrong.");

        Assert.Equal(["message"], delivery.Types);
    }

    [Fact]
    public async Task Sends_from_the_typing_task_and_the_turn_never_overlap()
    {
        var delivery = new OverlapDetectingDelivery();
        var turn = new TurnContext(Inbound(), delivery);

        await new ShowTypingMiddleware(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)).OnTurnAsync(turn, async ct =>
        {
            await delivery.FirstTyping.WaitAsync(TimeSpan.FromSeconds(30), ct);
            for (var i = 0; i < 20; i++) await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, ct);
            await turn.SendActivityAsync("done", ct);
        }, default);

        Assert.Equal(0, delivery.Overlaps);
    }

    /// <summary>Counts deliveries that started while another was still running.</summary>
    private sealed class OverlapDetectingDelivery : IActivityDelivery
    {
        private readonly TaskCompletionSource _firstTyping = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _active;

        public int Overlaps;

        public Task FirstTyping => _firstTyping.Task;

        public async Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _active) > 1) Interlocked.Increment(ref Overlaps);
            try
            {
                if (activity.IsType(ActivityTypes.Typing)) _firstTyping.TrySetResult();
                await Task.Delay(2, CancellationToken.None);
                return new ResourceResponse();
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }
    }
}
