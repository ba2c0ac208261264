using PartnerBot.Advisor.Playbook;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>Prospect profiles typed (and clicked) through the whole conversation, checked on the card and in the store.</summary>
public sealed class AdvisorConversationTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    public sealed record Script(string Name, string[] Answers, EngagementModel Model, string Headline, string Start, string[] Services, string[] Risks, string[] Tips);

    public static readonly Script[] Scripts =
    [
        new("startup at concept",
            ["hi", "yes", "startup", "idea", "EU", "IIa", "not yet", "no", "product engineering, electronics", "time to market", "1,000 - 10,000", "in 1-2 years", "europe", "skip"],
            EngagementModel.Cdmo, "A development and manufacturing partner (CDMO)", "PD",
            ["Product definition and system architecture", "Industrial design and usability engineering"], ["No regulatory strategy yet"], ["fixed headcount"]),
        new("enterprise at concept, class III in both markets",
            ["hi", "yes", "enterprise", "concept", "both", "III", "class 3", "partly", "yes", "1, 3, 4, 5, 6", "reduce risk", "more than 100,000", "more than 2 years", "north america", "skip"],
            EngagementModel.Cdmo, "A development and manufacturing partner (CDMO)", "PD",
            ["Industrial design and usability engineering"], ["EU class III device without a settled regulatory strategy", "US class III device without a settled regulatory strategy"], ["quality system"]),
        new("validated design, no regulatory strategy, consent declined",
            ["hi", "no", "growing sme", "verified and validated", "US", "class 2", "not yet", "being set up", "yes", "our own team", "yes", "1, 6", "no", "cost", "10,000 - 100,000", "within 12 months", "europe", "skip"],
            EngagementModel.CdmoThenCmo, "A CDMO now, then a hand-over to manufacturing", "DT",
            ["Regulatory strategy for the FDA: classification, the 510(k), De Novo or PMA route", "ISO 13485 quality system", "Design transfer and industrialization", "Scalable ISO 13485 manufacturing"],
            ["No regulatory strategy yet", "No working quality system, launch within 12 months"], []),
        new("validated, everything in place, cost at scale",
            ["hi", "yes", "enterprise", "validated", "EU", "IIa", "yes", "yes", "yes", "our own team", "yes", "all", "cost at scale", "more than 100k", "within 12 months", "europe", "skip"],
            EngagementModel.Cmo, "A manufacturing partner (CMO)", "DT",
            ["Scalable ISO 13485 manufacturing"], [], []),
        new("startup unsure of everything",
            ["hi", "yes", "startup", "proof of concept", "not decided", "not sure", "not sure", "not sure", "none", "not sure", "expertise", "not sure", "not sure", "elsewhere", "skip"],
            EngagementModel.Cdmo, "A development and manufacturing partner (CDMO)", "PD",
            ["Product definition and system architecture"], ["Device class not known yet", "Target market not decided", "Many open questions", "Regulatory strategy not confirmed"], ["time zones"]),
        new("frozen design, high volume, no manufacturing know-how",
            ["hi", "yes", "sme", "design frozen", "EU", "IIb", "yes", "yes", "yes", "no", "1,2,3,4,5", "time to market", "more than 100,000", "within 12 months", "europe", "skip"],
            EngagementModel.CdmoThenCmo, "A CDMO now, then a hand-over to manufacturing", "DD",
            ["Supply chain setup and sourcing", "Design for manufacturing and assembly (DFM/DFA) reviews"], ["Design not reviewed for manufacturing"], []),
        new("marketed device needing a second source",
            ["hi", "yes", "enterprise", "already on the market", "second source", "US", "class 2", "yes", "yes", "yes", "our own team", "all", "time to market", "10,000 - 100,000", "north america", "skip"],
            EngagementModel.Cmo, "A manufacturing partner (CMO)", "CM",
            ["Scalable ISO 13485 manufacturing"], ["New manufacturing site: FDA assessment", "New manufacturing site: process validation first"], []),
        new("class III in development, launch this year, team not ready",
            ["hi", "yes", "startup", "design in progress", "EU", "III", "no", "no", "product engineering", "yes", "time to market", "1,000 - 10,000", "within 12 months", "europe",
                "sure", "no", "partly", "no", "not really", "partly", "no", "partly", "no", "partly"],
            EngagementModel.Cdmo, "A development and manufacturing partner (CDMO)", "PD",
            ["Product definition and system architecture", "Testing, verification and validation"],
            ["EU class III device without a settled regulatory strategy", "No working quality system, launch within 12 months", "Very ambitious timeline for a class III device"],
            ["List what your team does best", "Get leadership, engineering and marketing to agree", "product vision", "challenge requirements", "other uses and indications",
                "recommendations too", "bring in specialists", "first sale", "multiplies the drive"]),
    ];

    public static TheoryData<string> ScriptNames => new(Scripts.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public async Task A_prospect_profile_ends_with_the_right_recommendation_card_and_stored_outcome(string name)
    {
        var script = Scripts.Single(s => s.Name == name);
        var chat = _app.Chat();

        var last = await AssessmentWalk.AnswerAsync(chat, script.Answers);

        var card = RecommendationView.From(last);
        Assert.Equal(script.Headline, card.Headline);
        Assert.Equal(script.Start, card.StartPhase);
        var services = string.Join("\n", card.Section("Services"));
        foreach (var service in script.Services) Assert.Contains(service, services);
        var risks = string.Join("\n", card.Section("Risks to watch"));
        foreach (var risk in script.Risks) Assert.Contains(risk, risks);
        if (script.Risks.Length == 0) Assert.Empty(card.Section("Risks to watch"));
        var tips = string.Join("\n", card.Section("Partnership tips"));
        foreach (var tip in script.Tips) Assert.Contains(tip, tips);
        Assert.Equal(["Talk to an expert", "Change an answer", "Start over"], card.ActionTitles);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.Card.ToJsonString()) < 80 * 1024);

        var record = await _app.Store.Records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.Equal(script.Model.ToString(), record!.OutcomeModel);
        Assert.Equal(script.Headline, record.Outcome!["headline"]!.GetValue<string>());
        Assert.NotEmpty(record.Outcome!["reasons"]!.AsArray());
    }

    [Fact]
    public async Task Questions_show_their_progress_and_irrelevant_ones_are_skipped()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("enterprise");
        (await chat.SendAsync("already on the market")).Expect("Question 3 of ").Expect("already on the market. What do you need now").ExpectNot("When would you like");
        await chat.SendAsync("second source");
        (await chat.SendAsync("US")).Expect("Question 5 of ").Expect("FDA device class").ExpectNot("EU MDR");
    }

    [Fact]
    public async Task A_follow_up_question_gets_its_own_number_so_no_number_repeats()
    {
        var chat = _app.Chat();
        string[] answers = ["hi", "yes", "startup", "idea", "both", "IIa", "class 2", "not yet", "no", "product engineering", "no", "time to market", "1,000 - 10,000", "in 1-2 years", "europe"];
        var numbers = new List<(int Number, int Of)>();
        foreach (var answer in answers)
        {
            var match = System.Text.RegularExpressions.Regex.Match((await chat.SendAsync(answer)).AllText, @"Question (\d+) of (\d+)");
            if (match.Success) numbers.Add((int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)));
        }

        Assert.Equal(Enumerable.Range(1, 13), numbers.Select(n => n.Number));
        Assert.Equal(13, numbers[^1].Of);
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
        var first = RecommendationView.From(await AssessmentWalk.AnswerAsync(chat, Scripts[3].Answers));
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
        await AssessmentWalk.AnswerAsync(chat, Scripts[3].Answers);

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

    [Fact]
    public async Task Start_over_from_the_card_begins_a_new_assessment()
    {
        var chat = _app.Chat();
        await AssessmentWalk.AnswerAsync(chat, Scripts[0].Answers);

        (await chat.SubmitAsync(new { command = "startOver" })).Expect("May we keep this conversation");
    }

    [Fact]
    public async Task Unclear_text_after_the_recommendation_gets_the_next_steps_as_buttons()
    {
        var chat = _app.Chat();
        await AssessmentWalk.AnswerAsync(chat, Scripts[0].Answers);

        var replies = await chat.SendAsync("hmm");

        replies.Expect("1. Talk to an expert, 2. Change an answer, 3. Start over");
    }
}
