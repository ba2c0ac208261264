using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Testing;

namespace PartnerBot.Tests.Protocol;

/// <summary>What the ledger keeps of a turn's replies, and that keeping it changes nothing of what is sent.</summary>
public sealed class TurnLedgerRecordTests
{
    /// <summary>Asks a question with buttons addressed to the person who wrote.</summary>
    private sealed class AskingBot : IBot
    {
        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            var question = turn.Activity.CreateReply("Which region comes first?");
            question.SuggestedActions = new SuggestedActions
            {
                To = [turn.Activity.From!.Id!],
                Actions = [new CardAction { Type = ActionTypes.ImBack, Title = "EU", Value = "EU" }, new CardAction { Type = ActionTypes.ImBack, Title = "US", Value = "US" }],
            };
            await turn.SendActivityAsync(question, cancellationToken);
        }
    }

    [Fact]
    public async Task A_reply_is_kept_without_the_person_it_addresses_and_goes_out_addressed_to_them()
    {
        var flow = new TestFlow(new AskingBot());

        await flow.Send("hi").AssertReply(reply =>
        {
            // What the channel got still names the person: the copy kept for the ledger did not change it.
            Assert.Equal(flow.User.Id, reply.Recipient?.Id);
            Assert.Equal([flow.User.Id!], reply.SuggestedActions?.To);
        }).StartTestAsync();

        var record = await flow.Ledger.FindAsync(flow.ConversationId, "activity-1", default);
        var kept = JsonNode.Parse(Assert.Single(record!.Replies))!.AsObject();
        Assert.False(kept.ContainsKey("recipient"));
        Assert.False(kept["suggestedActions"]!.AsObject().ContainsKey("to"));
        Assert.Equal("Which region comes first?", (string?)kept["text"]);
        Assert.Equal(["EU", "US"], kept["suggestedActions"]!["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.Equal(flow.Bot.Id, (string?)kept["from"]!["id"]);
    }
}
