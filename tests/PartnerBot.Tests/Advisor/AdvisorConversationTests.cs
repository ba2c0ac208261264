using PartnerBot.Advisor.Playbook;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>Prospect profiles typed (and clicked) through the whole conversation, checked on the card and in the store.</summary>
public sealed class AdvisorConversationTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Two of the personas end to end over HTTP, down to the stored record; all of them run as scripts in the advisor's own tests.</summary>
    public static TheoryData<string> ScriptNames => new(AdvisorPersonas.Scripts.Where(s => s.Name is "validated design, no regulatory strategy, consent declined" or "marketed device needing a second source").Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public async Task A_prospect_profile_ends_with_the_right_recommendation_card_and_stored_outcome(string name)
    {
        var script = AdvisorPersonas.Scripts.Single(s => s.Name == name);
        var chat = _app.Chat();

        var last = await AssessmentWalk.AnswerAsync(chat, script.Answers);

        var card = RecommendationView.From(last);
        script.Check(card);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.Card.ToJsonString()) < 80 * 1024);

        var record = await _app.Store.Records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.Equal(script.Model.ToString(), record!.OutcomeModel);
        Assert.Equal(script.Headline, record.Outcome!["headline"]!.GetValue<string>());
        Assert.NotEmpty(record.Outcome!["reasons"]!.AsArray());
    }

    [Fact]
    public async Task A_loose_description_is_recognized_only_through_a_declared_synonym()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("startup");

        (await chat.SendAsync("we have something on the bench")).Expect("Please pick one of the options").Expect("Question 2 of ");
        (await chat.SendAsync("we have a 3d printed prototype")).Expect("Question 3 of ");
        var record = await _app.Store.Records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.Equal("proofOfConcept", record!.Answers!["maturity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_an_answer_updates_the_card_and_the_stored_outcome()
    {
        var chat = _app.Chat();
        var first = RecommendationView.From(await AssessmentWalk.AnswerAsync(chat, AdvisorPersonas.Scripts[3].Answers));
        Assert.Equal("A manufacturing partner (CMO)", first.Headline);

        (await chat.SubmitAsync(new { choice = "change" })).Expect("Which answer would you like to change?").Expect("Design maturity: Validated (V&V complete)");
        (await chat.SendAsync("design maturity")).Expect("How far along is the device design?");
        var updated = RecommendationView.From(await chat.SendAsync("design in progress"));

        Assert.Equal("A development and manufacturing partner (CDMO)", updated.Headline);
        Assert.Equal("DD", updated.StartPhase);
        var record = await _app.Store.Records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.Equal(nameof(EngagementModel.Cdmo), record!.OutcomeModel);
        Assert.Equal("designInProgress", record.Answers!["maturity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_an_answer_asks_what_now_applies_and_forgets_what_no_longer_does()
    {
        var chat = _app.Chat();
        await AssessmentWalk.AnswerAsync(chat, AdvisorPersonas.Scripts[3].Answers);

        await chat.SendAsync("change an answer");
        await chat.SendAsync("design maturity");
        (await chat.SendAsync("already on the market")).Expect("What do you need now");
        var card = RecommendationView.From(await chat.SendAsync("second source"));

        Assert.Equal("A manufacturing partner (CMO)", card.Headline);
        Assert.Equal("CM", card.StartPhase);
        var record = await _app.Store.Records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.Null(record!.Answers!["launch"]);
        Assert.Equal("secondSource", record.Answers!["currentNeed"]!.GetValue<string>());
    }
}
