using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Sales.Workspace;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;

namespace PartnerBot.Tests.Advisor;

/// <summary>Prospects who type everything, over <c>/api/messages</c>: sentences, a description of the project, a correction, questions in between.</summary>
public sealed partial class TypedConversationTests : IDisposable
{
    private const string Paragraph = "We're a 12-person startup in Munich with a working proof of concept, aiming at the EU first, probably class IIa, no QMS yet";

    private readonly PartnerBotApplication _app = SalesApp.Local();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_whole_assessment_typed_in_sentences_is_stored_as_meant_with_the_prospects_words()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        (await chat.SendAsync("yes thats fine")).Expect("Thank you").Expect("what kind of organization");
        (await chat.SendAsync("we are a small startup, just the two founders")).Expect("How far along is the device design?");
        (await chat.SendAsync("we have a prototype that works, 3d printed")).Expect("Which markets");
        (await chat.SendAsync("EU only for now")).Expect("under the EU MDR");
        (await chat.SendAsync("probably 2a")).Expect("regulatory strategy");
        (await chat.SendAsync("no, not defined yet")).Expect("ISO 13485");
        (await chat.SendAsync("we are not certified and have nothing set up")).Expect("in-house");
        (await chat.SendAsync("we have engineering and electronics, but no regulatory or quality")).Expect("What matters most");
        (await chat.SendAsync("getting to market fast")).Expect("units a year");
        (await chat.SendAsync("about 5000 a year")).Expect("on the market?");
        (await chat.SendAsync("in about 18 months")).Expect("Where is your team based?");
        (await chat.SendAsync("Munich")).Expect("partnership readiness");
        var card = RecommendationView.From(await chat.SendAsync("no thanks"));

        Assert.Equal("A development and manufacturing partner (CDMO)", card.Headline);
        var answers = (await Record(chat))["answers"]!;
        Assert.Equal("startup", (string?)answers["organization"]);
        Assert.Equal("proofOfConcept", (string?)answers["maturity"]);
        Assert.Equal("eu", (string?)answers["markets"]);
        Assert.Equal("euIIa", (string?)answers["euClass"]);
        Assert.Equal("no", (string?)answers["regulatoryStrategy"]);
        Assert.Equal("no", (string?)answers["qms"]);
        Assert.Equal(["productEngineering", "electronicsSoftware"], answers["capabilities"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("from1kTo10k", (string?)answers["volume"]);
        Assert.Equal("within24Months", (string?)answers["launch"]);
        Assert.Equal("europe", (string?)answers["location"]);

        var qms = Source(answers, "qms");
        Assert.Equal("typed", (string?)qms["how"]);
        Assert.Equal("we are not certified and have nothing set up", (string?)qms["typed"]);
        Assert.True((bool)Source(answers, "euClass")["hedged"]!);
    }

    [Fact]
    public async Task A_description_of_the_project_fills_six_answers_shows_them_and_asks_only_what_is_open()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        var first = await chat.SendAsync("yes");
        var before = Progress(first.AllText);

        var replies = await chat.SendAsync(Paragraph);

        var understood = replies.Activities.Single(a => a.Summary?.StartsWith("Here is what I understood", StringComparison.Ordinal) == true);
        var items = understood.Attachments![0].Content!["body"]!.AsArray().Where(b => (string?)b!["type"] == "ColumnSet").Select(b => (string?)b!["columns"]![0]!["items"]![0]!["text"]).ToList();
        Assert.True(items.Count == 6, understood.Attachments![0].Content!.ToJsonString());
        Assert.Equal(
            ["Organization: Startup", "Design maturity: Proof-of-concept prototype", "Target markets: EU (MDR)", "EU device class: Class IIa (you weren't certain)", "Quality management system: No", "Location: Europe"],
            items);
        replies.Expect("Is your regulatory strategy").ExpectNot("what kind of organization");
        var after = Progress(replies.AllText);
        Assert.Equal(7, after.Number);
        Assert.True(after.Of <= before.Of, $"The total went up from {before.Of} to {after.Of}.");

        var sources = (await Record(chat))["answers"]!;
        Assert.Equal("described", (string?)Source(sources, "maturity")["how"]);
        Assert.Equal(Paragraph, (string?)Source(sources, "location")["typed"]);
    }

    [Fact]
    public async Task Change_on_the_card_of_understood_answers_asks_that_question_again_and_then_what_is_open()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync(Paragraph);

        (await chat.SubmitAsync(new Dictionary<string, string> { [AnswerPrompt.CorrectKey] = "maturity" })).Expect("How far along is the device design?");
        (await chat.SendAsync("actually we are further, engineering prototypes with design controls")).Expect("Is your regulatory strategy");

        var answers = (await Record(chat))["answers"]!;
        Assert.Equal("designInProgress", (string?)answers["maturity"]);
        Assert.Equal("typed", (string?)Source(answers, "maturity")["how"]);
        Assert.Equal("startup", (string?)answers["organization"]);
    }

    [Fact]
    public async Task An_answer_that_is_not_clear_is_confirmed_before_it_is_stored()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("enterprise");

        (await chat.SendAsync("We have not validated it yet, verification is still running")).Expect("Just to check: Design frozen, verification under way?").ExpectNot("Which markets");
        Assert.Null((await Record(chat))["answers"]!["maturity"]);

        (await chat.SendAsync("yes")).Expect("Which markets");
        var answers = (await Record(chat))["answers"]!;
        Assert.Equal("designFrozen", (string?)answers["maturity"]);
        Assert.Equal("confirmed", (string?)Source(answers, "maturity")["how"]);
        Assert.Equal("We have not validated it yet, verification is still running", (string?)Source(answers, "maturity")["typed"]);
    }

    [Fact]
    public async Task A_no_to_the_check_asks_the_whole_question_again_and_stores_nothing()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("enterprise");
        await chat.SendAsync("verified");

        (await chat.SendAsync("no")).Expect("Which one is it then?").Expect("How far along is the device design?");
        Assert.Null((await Record(chat))["answers"]!["maturity"]);
        (await chat.SendAsync("validated")).Expect("Which markets");
    }

    [Fact]
    public async Task A_question_that_names_two_options_is_answered_not_checked_as_an_answer()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("startup");

        // Words of two maturity states, but a question about them: the knowledge base answers, then the question returns.
        (await chat.SendAsync("What is the difference between verification and validation?"))
            .ExpectNot("Just to check").Expect("How far along is the device design?");
        Assert.Null((await Record(chat))["answers"]!["maturity"]);
    }

    [Fact]
    public async Task A_question_in_the_middle_is_answered_and_the_pending_question_comes_back()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("startup");

        (await chat.SendAsync("What is the difference between a CDMO and a CMO?"))
            .Expect("CDMO vs CMO").Expect("The difference between a CDMO and a CMO").Expect("How far along is the device design?");
        (await chat.SendAsync("idea")).Expect("Which markets");
    }

    [Fact]
    public async Task A_question_the_knowledge_base_cannot_answer_is_promised_to_an_expert_and_shown_to_sales()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("startup");

        (await chat.SendAsync("how much would a project like ours cost?")).Expect(AdvisorMessages.QuestionForAnExpert).Expect("How far along is the device design?");

        using var sales = SalesApp.Client(_app);
        var key = SalesKeys.Encode("emulator/conversations/" + chat.ConversationId);
        var detail = await sales.GetFromJsonAsync<JsonObject>("/api/sales/conversations/" + key);
        Assert.Equal(["how much would a project like ours cost?"], detail!["unansweredQuestions"]!.AsArray().Select(q => (string?)q));
        var list = await sales.GetFromJsonAsync<JsonObject>("/api/sales/questions");
        var item = Assert.Single(list!["items"]!.AsArray());
        Assert.Equal("how much would a project like ours cost?", (string?)item!["question"]);
        Assert.Equal(key, (string?)item["key"]);
    }

    [Fact]
    public async Task A_prospect_who_declined_consent_has_no_question_kept()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("no");
        (await chat.SendAsync("what's the price for a prototype?")).Expect(AdvisorMessages.QuestionForAnExpert);

        Assert.Empty((await Record(chat))["answers"]!["unansweredQuestions"]!.AsArray());
    }

    [Fact]
    public async Task Typed_answers_mean_the_same_in_a_teams_channel()
    {
        var chat = _app.Chat(channelId: "msteams", conversationType: "personal");
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync("enterprise");
        await chat.SendAsync("already on the market");
        await chat.SendAsync("we need a backup manufacturer in case our current one has problems");
        await chat.SendAsync("both the US and Europe");
        // Under the MDR, "class 2" is IIa or IIb: asked. At the FDA question it is class II.
        (await chat.SendAsync("class 2")).Expect("Just to check, which is it: Class IIa or Class IIb?");
        (await chat.SendAsync("IIb")).Expect("FDA device class");
        (await chat.SendAsync("class 2")).Expect("regulatory");

        var answers = (await Record(chat, "msteams"))["answers"]!;
        Assert.Equal("secondSource", (string?)answers["currentNeed"]);
        Assert.Equal("euAndUs", (string?)answers["markets"]);
        Assert.Equal("euIIb", (string?)answers["euClass"]);
        Assert.Equal("usII", (string?)answers["usClass"]);
    }

    [Fact]
    public async Task Answers_shaped_like_questions_go_to_the_question_not_to_the_knowledge_base()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        (await chat.SendAsync("Do not keep it")).Expect(AdvisorMessages.ConsentDeclined).ExpectNot(AdvisorMessages.QuestionForAnExpert);
        await chat.SendAsync("startup");
        await chat.SendAsync("idea");
        await chat.SendAsync("EU");
        (await chat.SendAsync("Could be IIa")).Expect("regulatory strategy").ExpectNot(AdvisorMessages.QuestionForAnExpert);
        (await chat.SendAsync("do not know")).Expect("ISO 13485").ExpectNot(AdvisorMessages.QuestionForAnExpert);

        var answers = (await Record(chat))["answers"]!;
        Assert.Equal("euIIa", (string?)answers["euClass"]);
        Assert.Equal("notSure", (string?)answers["regulatoryStrategy"]);
    }

    [Fact]
    public async Task A_prospect_who_declined_consent_keeps_the_answers_but_not_the_words_typed()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("no thanks");
        await chat.SendAsync("we are a small startup in Munich, just the two founders");
        await chat.SendAsync("just an idea so far");

        var answers = (await Record(chat))["answers"]!;
        Assert.Equal("concept", (string?)answers["maturity"]);
        Assert.All(answers["sources"]!.AsArray(), s => Assert.Null((string?)s!["typed"]));
        using var sales = SalesApp.Client(_app);
        var detail = await sales.GetFromJsonAsync<JsonObject>("/api/sales/conversations/" + SalesKeys.Encode("emulator/conversations/" + chat.ConversationId));
        Assert.DoesNotContain("Munich", detail!["answers"]!.ToJsonString());
    }

    [Fact]
    public async Task An_earlier_cards_button_at_the_capabilities_question_is_refused_and_stores_nothing()
    {
        var chat = _app.Chat();
        foreach (var answer in new[] { "hi", "yes", "startup", "idea", "EU", "IIa", "no", "no" }) await chat.SendAsync(answer);

        (await chat.SubmitAsync(new { choice = "yes" })).Expect("That button belongs to an earlier question").Expect("in-house");
        Assert.Null((await Record(chat))["answers"]!["capabilities"]);
        (await chat.SubmitAsync(new { choices = "" })).Expect("Please tick at least one box");
        (await chat.SubmitAsync(new { choices = "RegulatoryAffairs,QualityManagement" })).Expect("electronics or software");
    }

    [Fact]
    public async Task A_conversation_saved_by_the_previous_version_at_the_capabilities_question_carries_on_with_its_answers()
    {
        var chat = _app.Chat();
        var key = PartnerBot.BotFramework.Dialogs.DialogStateKey.For(chat.NewMessage("x"));
        // The stack as the previous version saved it: the assessment was a waterfall waiting at step 12 (capabilities).
        var legacy = """
            {"stack":[
              {"id":"AdvisorDialog","state":{"index":0,"asked":[0],"values":{"assessment":{}}}},
              {"id":"AssessmentDialog","state":{"index":12,"asked":[0,1,2,4,5,7,8,12],"values":{"consentGiven":true,"organization":"startup","maturity":"concept","markets":"eu","euClass":"euIIa","regulatoryStrategy":"no","qms":"no"}}},
              {"id":"multiChoice","state":{"options":{"prompt":{"type":"message","text":"Which of these do you already have in-house? Choose all that apply."},"choices":[
                {"value":"ProductEngineering","title":"Product engineering"},{"value":"IndustrialDesign","title":"Industrial design"},{"value":"ElectronicsSoftware","title":"Electronics / software"},
                {"value":"RegulatoryAffairs","title":"Regulatory affairs"},{"value":"QualityManagement","title":"Quality management"},{"value":"ManufacturingSupplyChain","title":"Manufacturing / supply chain"},
                {"value":"None","title":"None of these"}],"maxAttempts":3},"failedAttempts":0}}]}
            """;
        await _app.Services.GetRequiredService<PartnerBot.BotFramework.Storage.IStorage>().WriteAsync(key, legacy, expectedETag: null, default);

        (await chat.SendAsync("1, 3")).Expect("What matters most");

        var answers = (await Record(chat))["answers"]!;
        Assert.Equal("startup", (string?)answers["organization"]);
        Assert.Equal(["productEngineering", "electronicsSoftware"], answers["capabilities"]!.AsArray().Select(c => (string?)c));
    }

    private async Task<JsonObject> Record(TestChat chat, string channel = "emulator")
    {
        var record = await _app.Store.Records.GetAsync($"{channel}/conversations/" + chat.ConversationId, default);
        return System.Text.Json.JsonSerializer.SerializeToNode(record, PartnerBot.BotFramework.Schema.BotJson.Options)!.AsObject();
    }

    private static JsonNode Source(JsonNode answers, string question) =>
        answers["sources"]!.AsArray().Single(s => (string?)s!["question"] == question)!;

    private static (int Number, int Of) Progress(string text)
    {
        var match = ProgressPattern().Match(text);
        Assert.True(match.Success, "No progress line in: " + text);
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }

    [GeneratedRegex(@"Question (\d+) of (\d+)")]
    private static partial Regex ProgressPattern();
}
