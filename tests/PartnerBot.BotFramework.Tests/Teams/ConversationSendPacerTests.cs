using PartnerBot.BotFramework.Connector;

namespace PartnerBot.Tests.Teams;

public sealed class ConversationSendPacerTests
{
    [Fact]
    public async Task Sends_within_the_limit_pass_at_once_and_a_burst_beyond_it_waits_for_the_bucket_to_refill()
    {
        using var pacer = new ConversationSendPacer(sendsPerSecond: 3);

        var withinLimit = Enumerable.Range(0, 3).Select(_ => pacer.WaitTurnAsync("conversation-a", default)).ToList();
        var beyondLimit = pacer.WaitTurnAsync("conversation-a", default);
        var otherConversation = pacer.WaitTurnAsync("conversation-b", default);

        Assert.All(withinLimit, send => Assert.True(send.IsCompletedSuccessfully));
        Assert.False(beyondLimit.IsCompleted, "the fourth send in a second must wait");
        Assert.True(otherConversation.IsCompletedSuccessfully, "another conversation has its own budget");
        await beyondLimit.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
