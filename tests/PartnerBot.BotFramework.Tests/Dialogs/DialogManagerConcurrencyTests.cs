using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Dialogs;

/// <summary>Optimistic concurrency: a turn whose save loses the race runs again on the state the winner saved.</summary>
public sealed class DialogManagerConcurrencyTests
{
    private sealed class Picks
    {
        public List<string> Chosen { get; set; } = [];
    }

    /// <summary>Lets a test write the same key "from another instance" between this turn's read and its write.</summary>
    private sealed class RacingStorage(IStorage inner) : IStorage
    {
        public Func<Task>? BeforeNextWrite { get; set; }
        public int Conflicts { get; private set; }

        public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
        {
            if (BeforeNextWrite is { } race)
            {
                BeforeNextWrite = null;
                await race();
            }
            try
            {
                return await inner.WriteAsync(key, json, expectedETag, cancellationToken);
            }
            catch (ETagConflictException)
            {
                Conflicts++;
                throw;
            }
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }

    private static readonly List<Choice> Letters = [new("a", "A"), new("b", "B"), new("c", "C")];

    [Fact]
    public async Task A_lost_write_race_reruns_the_turn_on_the_winners_state_and_sends_only_the_final_replies()
    {
        RacingStorage? racing = null;
        var harness = new DialogHarness(cards =>
            new DialogSet()
                .Add(new ChoicePrompt("pick", cards))
                .Add(new WaterfallDialog<Picks>("root",
                [
                    (step, ct) => step.PromptAsync("pick", new PromptOptions { Prompt = Activity.CreateMessage("First pick?"), Choices = Letters }, ct),
                    (step, ct) =>
                    {
                        step.Values.Chosen.Add(step.ResultAs<FoundChoice>().Value);
                        return step.PromptAsync("pick", new PromptOptions { Prompt = Activity.CreateMessage($"Picked {string.Join("+", step.Values.Chosen)}. Second pick?"), Choices = Letters }, ct);
                    },
                    async (step, ct) =>
                    {
                        step.Values.Chosen.Add(step.ResultAs<FoundChoice>().Value);
                        await step.Turn.SendActivityAsync($"Done: {string.Join("+", step.Values.Chosen)}", ct);
                        return await step.EndAsync(step.Values, ct);
                    },
                ])),
            "root",
            storage: null);
        racing = new RacingStorage(harness.Storage);
        var manager = new DialogManager(harness.Manager.Dialogs, "root", racing, new InterruptionOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger<DialogManager>.Instance);
        var other = new DialogManager(harness.Manager.Dialogs, "root", harness.Storage, new InterruptionOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger<DialogManager>.Instance);

        await Run(manager, harness.Message("start"));
        // While this instance handles "a", another instance handles "b" for the same conversation and saves first.
        racing.BeforeNextWrite = () => Run(other, harness.Message("b"));
        var replies = await Run(manager, harness.Message("a"));

        Assert.Equal(1, racing.Conflicts);
        replies.Expect("Done: b+a").ExpectNot("Picked a.");
        Assert.Null(await harness.Storage.ReadAsync(DialogStateKey.For(harness.Message("x")), default) is { } item && item.Json.Contains("\"chosen\":[\"a\"]") ? "stale state saved" : null);
    }

    private static async Task<Replies> Run(DialogManager manager, Activity activity)
    {
        var delivery = new BotFramework.Builder.ExpectRepliesDelivery();
        await manager.OnTurnAsync(new BotFramework.Builder.TurnContext(activity, delivery), CancellationToken.None);
        return new Replies(delivery.Activities);
    }
}
