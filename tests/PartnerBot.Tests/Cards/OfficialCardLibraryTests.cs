using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Cards;

/// <summary>
/// Every card template is expanded by our engine exactly as the reference JavaScript engine expands it, and
/// every card PartnerBot sends parses with the official Adaptive Cards library at 1.5 without errors or warnings.
/// </summary>
public sealed class OfficialCardLibraryTests : IClassFixture<OfficialCardChecker>
{
    private readonly OfficialCardChecker _checker;

    public OfficialCardLibraryTests(OfficialCardChecker checker) => _checker = checker;

    private IEnumerable<string> TemplateNames =>
        Directory.EnumerateFiles(_checker.CardsDirectory, "*.json")
            .Where(p => !p.EndsWith(".data.json", StringComparison.Ordinal))
            .Select(p => Path.GetFileNameWithoutExtension(p)!)
            .Order();

    [Fact]
    public void Every_template_has_sample_data()
    {
        foreach (var name in TemplateNames) Assert.True(File.Exists(Path.Combine(_checker.CardsDirectory, name + ".data.json")), $"cards/{name}.json has no {name}.data.json");
    }

    [Fact]
    public async Task Our_expansion_of_every_template_equals_the_reference_engine_and_parses_cleanly()
    {
        var entries = TemplateNames.Select(name => new OfficialCardChecker.Entry(
            name,
            Template: JsonNode.Parse(File.ReadAllText(Path.Combine(_checker.CardsDirectory, name + ".json"))),
            Data: JsonNode.Parse(File.ReadAllText(Path.Combine(_checker.CardsDirectory, name + ".data.json"))))).ToList();
        Assert.NotEmpty(entries);

        var results = await _checker.CheckAsync(entries);

        foreach (var (entry, result) in entries.Zip(results))
        {
            Assert.Empty(result.Errors);
            var reference = result.Expanded!.ToJsonString(BotJson.Options);
            Assert.DoesNotContain("${", reference);
            var ours = CardTemplate.Expand(entry.Template!, entry.Data).ToJsonString(BotJson.Options);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(reference), JsonNode.Parse(ours)), $"{entry.Name}: ours\n{ours}\nreference\n{reference}");
        }
    }

    /// <summary>
    /// Every card template, filled with its sample data and put into German and French as a reply is on its way
    /// out, parses with the official library, and no text the card itself writes is left in English.
    /// </summary>
    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    public async Task Every_card_in_german_and_french_parses_without_errors_at_1_5(string code)
    {
        var language = PartnerBot.Advisor.Languages.Language.Find(code)!;
        var cards = TemplateNames.Where(name => name != "lead-alert").Select(name =>
        {
            var card = CardTemplate.Expand(
                JsonNode.Parse(File.ReadAllText(Path.Combine(_checker.CardsDirectory, name + ".json")))!,
                JsonNode.Parse(File.ReadAllText(Path.Combine(_checker.CardsDirectory, name + ".data.json"))));
            PartnerBot.Advisor.Languages.ActivityTranslator.TranslateCard(card, language);
            return (Name: name, Card: card);
        }).ToList();
        Assert.True(cards.Count >= 7);

        var results = await _checker.CheckAsync(cards.Select(c => new OfficialCardChecker.Entry($"{c.Name} ({code})", Card: c.Card)));

        Assert.All(results, r => Assert.True(r.Errors.Count == 0, $"{r.Name}: {string.Join("; ", r.Errors)}"));
        // The card's own words (its titles, labels and buttons, not the sample data) are translated.
        var template = File.ReadAllText(Path.Combine(_checker.CardsDirectory, "contact-form.json"));
        var contact = cards.Single(c => c.Name == "contact-form").Card.ToJsonString();
        foreach (var label in new[] { "Work e-mail", "Company" })
        {
            Assert.Contains(label, template);
            Assert.DoesNotContain($"\"{label}", contact);
        }
    }

    [Fact]
    public async Task Every_card_sent_in_real_conversations_parses_without_errors_at_1_5()
    {
        using var app = new PartnerBotApplication();
        var cards = new List<(string Where, JsonNode Card)>();
        void Collect(string where, Replies replies) =>
            cards.AddRange(replies.Activities.SelectMany(a => a.Attachments ?? []).Where(a => a.ContentType == Attachment.AdaptiveCardContentType).Select(a => (where, a.Content!)));

        foreach (var script in AdvisorPersonas.Scripts.Where(s => s.Name is "startup at concept" or "validated, everything in place, cost at scale" or "frozen design, high volume, no manufacturing know-how"))
        {
            var chat = app.Chat();
            foreach (var answer in script.Answers) Collect(script.Name, await chat.SendAsync(answer));
            Collect("contact form", await chat.SendAsync("talk to an expert"));
            Collect("contact form with problems", await chat.SubmitAsync(new { contactForm = true, name = "Ada", email = "ada@", company = "" }));
        }
        var teams = app.Chat(channelId: "msteams", conversationType: "groupChat");
        foreach (var answer in AdvisorPersonas.Scripts[0].Answers.Take(9)) Collect("teams group chat", await teams.SendAsync(answer));

        Assert.Contains(cards, c => c.Where == "teams group chat" && c.Card.ToJsonString().Contains("Action.Submit"));
        Assert.Contains(cards, c => c.Card.ToJsonString().Contains("Input.ChoiceSet"));
        var results = await _checker.CheckAsync(cards.Select((c, i) => new OfficialCardChecker.Entry($"{c.Where} #{i}", Card: c.Card)));

        Assert.All(results, r => Assert.True(r.Errors.Count == 0, $"{r.Name}: {string.Join("; ", r.Errors)}"));
    }

    [Fact]
    public async Task The_check_does_fail_on_a_broken_card()
    {
        var broken = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FancyBlock","text":"x"},{"type":"Carousel","pages":[]}]}""");

        var result = Assert.Single(await _checker.CheckAsync([new OfficialCardChecker.Entry("broken", Card: broken)]));

        Assert.Contains(result.Errors, e => e.Contains("UnknownElementType") && e.Contains("FancyBlock"));
        Assert.Contains(result.Errors, e => e.Contains("Carousel"));
    }
}
