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
}
