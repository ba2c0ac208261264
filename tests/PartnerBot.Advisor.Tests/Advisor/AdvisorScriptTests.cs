using System.Text.Json;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>The advisor's conversation, scripted on the test kit: what a prospect reads, turn by turn.</summary>
public sealed class AdvisorScriptTests
{
    public static TheoryData<string> PersonaNames => new(AdvisorPersonas.Scripts.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(PersonaNames))]
    public async Task A_prospect_profile_ends_with_the_recommendation_a_specialist_would_give(string name)
    {
        var script = AdvisorPersonas.Scripts.Single(s => s.Name == name);

        await AdvisorFlow.Create().SendAll(script.Answers).AssertReplies(replies => script.Check(RecommendationView.From(new Replies(replies)))).StartTestAsync();
    }

    [Fact]
    public async Task Questions_show_their_progress_and_irrelevant_ones_are_skipped()
    {
        await AdvisorFlow.Create()
            .SendAll(["hi", "yes", "enterprise"]).AssertReplies(_ => { }, "the greeting, consent and first question")
            .Send("already on the market").AssertReplies(replies => new Replies(replies).Expect("Question 3 of ").Expect("already on the market. What do you need now").ExpectNot("When would you like"))
            .Send("second source").AssertReplies(_ => { })
            .Send("US").AssertReplies(replies => new Replies(replies).Expect("Question 5 of ").Expect("FDA device class").ExpectNot("EU MDR"))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_follow_up_question_gets_its_own_number_so_no_number_repeats()
    {
        string[] answers = ["hi", "yes", "startup", "idea", "both", "IIa", "class 2", "not yet", "no", "product engineering", "no", "time to market", "1,000 - 10,000", "in 1-2 years", "europe"];
        var numbers = new List<(int Number, int Of)>();
        var flow = AdvisorFlow.Create();
        foreach (var answer in answers)
        {
            flow.Send(answer).AssertReplies(replies =>
            {
                var match = System.Text.RegularExpressions.Regex.Match(new Replies(replies).AllText, @"Question (\d+) of (\d+)");
                if (match.Success) numbers.Add((int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)));
            });
        }
        await flow.StartTestAsync();

        Assert.Equal(Enumerable.Range(1, 13), numbers.Select(n => n.Number));
        Assert.Equal(13, numbers[^1].Of);
    }

    [Fact]
    public async Task Start_over_from_the_card_begins_a_new_assessment()
    {
        await AdvisorFlow.Create()
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(replies => RecommendationView.From(new Replies(replies)))
            .Send(new Activity { Type = ActivityTypes.Message, Value = JsonSerializer.SerializeToNode(new { command = "startOver" }) })
            .AssertReplies(replies => new Replies(replies).Expect("May we keep this conversation"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Unclear_text_after_the_recommendation_gets_the_next_steps_as_buttons()
    {
        await AdvisorFlow.Create()
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(_ => { })
            .Send("hmm").AssertReplies(replies => new Replies(replies).Expect("1. Talk to an expert, 2. Change an answer, 3. Start over"))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_channel_retry_of_a_delivered_answer_sends_nothing_again_and_does_not_move_the_assessment_on()
    {
        var flow = AdvisorFlow.Create();
        await flow
            .SendAll(["hi", "yes"]).AssertReplies(_ => { })
            .Send(new Activity { Type = ActivityTypes.Message, Id = "retried-answer", Text = "startup" })
            .AssertReplies(replies => new Replies(replies).Expect("Question 2 of "))
            .Send(new Activity { Type = ActivityTypes.Message, Id = "retried-answer", Text = "startup" })
            .AssertNoReply()
            .Send("idea").AssertReplies(replies => new Replies(replies).Expect("Question 3 of "))
            .StartTestAsync();

        Assert.All(flow.StatusCodes, status => Assert.Equal(200, status));
        Assert.Single(flow.Transcript.Of(flow.ConversationId), entry => entry.Inbound && entry.Activity.Text == "startup" && entry.Activity.Id == "retried-answer");
    }
}
