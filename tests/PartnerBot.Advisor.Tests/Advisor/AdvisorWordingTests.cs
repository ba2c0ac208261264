using System.Text.Json.Nodes;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>What the prospect reads and types: answers that must not be misread, terms explained, and the card's wording.</summary>
public sealed class AdvisorWordingTests
{
    private static IReadOnlyList<Choice> ChoicesOf(IQuestion question) => question.CreatePromptOptions(new Assessment(), null).Choices!;

    [Theory]
    [InlineData("verified")]
    [InlineData("verified, validation next")]
    public void A_verified_design_is_not_taken_for_a_validated_one(string typed)
    {
        var reading = AssessmentQuestions.Maturity.Read(typed, new PartnerBot.Advisor.Understanding.ReadContext(new DateOnly(2026, 12, 1)));

        Assert.False(reading.IsUnderstood && reading.Options.Contains(AssessmentQuestions.Maturity.IndexOf(DesignMaturity.Validated)));
    }

    [Theory]
    [InlineData("validated", nameof(DesignMaturity.Validated))]
    [InlineData("V&V complete", nameof(DesignMaturity.Validated))]
    [InlineData("verified and validated", nameof(DesignMaturity.Validated))]
    [InlineData("in verification", nameof(DesignMaturity.DesignFrozen))]
    public void Validation_and_verification_states_are_recognized(string typed, string expected) =>
        Assert.Equal(expected, ChoiceRecognizer.RecognizeOne(typed, ChoicesOf(AssessmentQuestions.Maturity))?.Value);

    [Fact]
    public void Cost_reduction_is_not_taken_for_a_redesign() =>
        Assert.NotEqual(nameof(CurrentNeed.Redesign), ChoiceRecognizer.RecognizeOne("cost reduction", ChoicesOf(AssessmentQuestions.CurrentNeed))?.Value);

    [Fact]
    public async Task Typing_verified_at_the_maturity_question_asks_again()
    {
        var flow = AdvisorFlow.Create();

        // "Verified" alone is a hint (verification complete, or verification and validation?), not an answer: it is confirmed first.
        await flow.SendAll(["hi", "yes", "startup"]).Said(_ => { })
            .Send("verified").Said(r => r.Expect("Just to check: Verification complete, validation still to do?"))
            .StartTestAsync();

        var state = await flow.Storage.ReadAsync(Assert.Single(flow.Storage.Keys), default);
        Assert.Contains("\"organization\":\"startup\"", state!.Json);
        Assert.DoesNotContain("\"maturity\":\"", state.Json);
    }

    [Fact]
    public async Task A_prospect_can_ask_what_a_term_means_and_then_continues_where_they_were()
    {
        await AdvisorFlow.Create()
            .SendAll(["hi", "yes", "startup", "idea", "EU"]).Said(_ => { })
            .Send("What is a notified body?").Said(r => r.Expect("independent organization").Expect("class IIa").Expect("What device class do you expect under the EU MDR?"))
            .Send("what does PMA mean").Said(r => r.Expect("premarket approval").Expect("Question 4 of "))
            .Send("IIa").Said(r => r.Expect("Question 5 of "))
            .StartTestAsync();
    }

    [Fact]
    public async Task Asking_what_an_option_means_is_answered_and_never_taken_for_that_option()
    {
        var flow = AdvisorFlow.Create();
        await flow.SendAll(["hi", "yes", "startup"]).Said(_ => { })
            .Send("what does design transfer mean?").Said(r => r.Expect("turns a validated design").Expect("Question 2 of "))
            .Send("still designing").Said(r => r.Expect("Question 3 of "))
            .StartTestAsync();
        var state = await flow.Storage.ReadAsync(Assert.Single(flow.Storage.Keys), default);
        Assert.Contains("\"maturity\":\"designInProgress\"", state!.Json);

        // The same at a "Just to check": the explanation comes, the check is asked again, nothing is stored.
        var checking = AdvisorFlow.Create();
        await checking.SendAll(["hi", "yes", "startup"]).Said(_ => { })
            .Send("verified").Said(r => r.Expect("Just to check"))
            .Send("what does design transfer mean?").Said(r => r.Expect("turns a validated design"))
            .StartTestAsync();
        Assert.DoesNotContain("\"maturity\":\"", (await checking.Storage.ReadAsync(Assert.Single(checking.Storage.Keys), default))!.Json);
    }

    [Fact]
    public async Task Questions_read_sensibly_for_a_device_already_on_the_market()
    {
        await AdvisorFlow.Create()
            .SendAll(["hi", "yes", "enterprise", "already on the market", "transfer", "EU"]).Said(_ => { })
            .Send("IIa").Said(r => r.Expect("the markets you want to serve now").ExpectNot("Is your regulatory strategy (classification, pathway, standards) defined?"))
            .SendAll(["yes", "yes", "yes", "our own team", "all"]).Said(_ => { })
            .Send("cost").Said(r => r.Expect("should the new production make").ExpectNot("once on the market"))
            .StartTestAsync();
    }

    [Fact]
    public void The_maturity_help_says_how_to_tell_a_proof_of_concept_from_a_design_in_progress()
    {
        Assert.Contains("proof-of-concept prototype shows", AssessmentQuestions.Maturity.Help);
        Assert.Contains("design in progress has engineering prototypes", AssessmentQuestions.Maturity.Help);
    }

    [Fact]
    public async Task The_card_numbers_next_steps_without_list_markup_keeps_ISO_in_capitals_and_shows_each_risks_answers()
    {
        RecommendationView? seen = null;
        await AdvisorFlow.Create().SendAll(AdvisorPersonas.Scripts[7].Answers).Said(r => seen = RecommendationView.From(r)).StartTestAsync();
        var card = seen!;

        var steps = card.Section("Next steps").Select(s => JsonNode.Parse(s)!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(2, steps.Count);
        Assert.All(steps, step => Assert.DoesNotMatch(@"^\s*\d+[.)]", step));
        Assert.StartsWith("Step 1:", steps[0]);
        Assert.StartsWith("Step 2:", steps[1]);

        var json = card.Card.ToJsonString();
        Assert.Contains("ISO 13485", json);
        Assert.DoesNotContain("iso 13485", json);

        var risks = string.Join("\n", card.Section("Risks to watch"));
        Assert.Contains("Based on: EU device class: Class III; Regulatory strategy: Not yet", risks);
        Assert.Contains("how firmly your answers point", json);
    }
}
