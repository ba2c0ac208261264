using System.Diagnostics;
using PartnerBot.BotFramework.Connector;

namespace PartnerBot.Tests.Teams;

public sealed class ConversationSendPacerTests
{
    [Fact]
    public async Task Sends_within_the_limit_pass_at_once_and_a_burst_beyond_it_waits_for_the_next_second()
    {
        using var pacer = new ConversationSendPacer(sendsPerSecond: 3);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++) await pacer.WaitTurnAsync("conversation-a", default);
        var withinLimit = clock.Elapsed;
        await pacer.WaitTurnAsync("other-conversation", default);
        var otherConversation = clock.Elapsed;
        await pacer.WaitTurnAsync("conversation-a", default);
        var beyondLimit = clock.Elapsed;

        Assert.True(withinLimit < TimeSpan.FromMilliseconds(500), $"three sends took {withinLimit}");
        Assert.True(otherConversation - withinLimit < TimeSpan.FromMilliseconds(500), "another conversation has its own budget");
        Assert.True(beyondLimit >= TimeSpan.FromMilliseconds(500), $"the fourth send should wait for the bucket to refill, took {beyondLimit}");
    }
}
