using System.Net;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Cards;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;

namespace PartnerBot.Tests.Advisor;

/// <summary>
/// German and French prospects through the running app: from greeting to recommendation and contact in their
/// language, in Teams and on the website channel; the cards they get parse in the official library; the page speaks
/// the browser's language; and sales read the lead in English, with the prospect's language shown.
/// </summary>
public sealed class LanguageHostTests(OfficialCardChecker checker) : IClassFixture<OfficialCardChecker>
{
    private static readonly string[] German =
        ["hallo", "ja", "wir sind ein Start-up mit 6 Leuten", "erst eine Idee, noch nichts gebaut", "EU", "Klasse IIa", "nein, noch nicht", "nein", "Produktentwicklung und Elektronik",
         "Time-to-Market", "etwa 5.000 Stück pro Jahr", "in 18 Monaten", "München", "nein danke"];

    private static readonly string[] French =
        ["bonjour", "oui", "une start-up de 6 personnes", "juste une idée, rien de construit", "UE", "classe IIa", "non, pas encore", "non", "ingénierie produit et électronique",
         "le délai de mise sur le marché", "environ 5 000 unités par an", "dans 18 mois", "Lyon", "non merci"];

    public static TheoryData<string, string, string> Prospects => new()
    {
        { "de-DE", "msteams", "Mit einem Experten sprechen" },
        { "fr-FR", "msteams", "Parler à un expert" },
        { "de-AT", "webchat", "Mit einem Experten sprechen" },
        { "fr-CA", "webchat", "Parler à un expert" },
    };

    [Theory]
    [MemberData(nameof(Prospects))]
    public async Task A_prospect_goes_from_greeting_to_recommendation_and_contact_in_their_language_and_sales_read_it_in_english(string locale, string channel, string expert)
    {
        var german = locale.StartsWith("de", StringComparison.Ordinal);
        using var app = SalesApp.Local(new Dictionary<string, string?> { ["LiveChat:Enabled"] = "false" });
        var chat = app.Chat(channelId: channel, locale: locale, conversationType: channel == "msteams" ? "personal" : null);
        var cards = new List<JsonNode>();
        Replies? last = null;
        foreach (var answer in german ? German : French)
        {
            last = await chat.SendAsync(answer);
            EnglishLeak.AssertNone(last);
            cards.AddRange(Cards(last));
        }
        var recommendation = TranslatedCard.From(last!);
        Assert.Equal(german ? "Ein Entwicklungs- und Fertigungspartner (CDMO)" : "Un partenaire de développement et de fabrication (CDMO)", recommendation.Headline);
        Assert.Equal("PD", recommendation.StartPhase);

        var form = await chat.SendAsync(expert);
        EnglishLeak.AssertNone(form);
        cards.AddRange(Cards(form));
        // A form with problems says so in the prospect's language.
        var problems = await chat.SubmitAsync(new { contactForm = true, name = "Ada Prospekt", email = "ada@", company = "" });
        EnglishLeak.AssertNone(problems);
        cards.AddRange(Cards(problems));
        var thanks = await chat.SubmitAsync(new { contactForm = true, name = "Ada Prospekt", email = "ada@acme-medical.example", company = "Acme Medical", phone = "", message = "", contactTime = "" });
        thanks.Expect(german ? "Vielen Dank, Ada Prospekt" : "Merci, Ada Prospekt");
        EnglishLeak.AssertNone(thanks);

        // Every card the prospect got parses in the official library.
        var results = await checker.CheckAsync(cards.Select((c, i) => new OfficialCardChecker.Entry($"{locale} #{i}", Card: c)));
        Assert.All(results, r => Assert.True(r.Errors.Count == 0, $"{r.Name}: {string.Join("; ", r.Errors)}"));

        // Sales read the answers in English, and see which language the prospect chatted in.
        var key = PartnerBot.Sales.Workspace.SalesKeys.Encode($"{channel}/conversations/{chat.ConversationId}");
        var detail = JsonNode.Parse(await SalesApp.Client(app).GetStringAsync("/api/sales/conversations/" + key))!;
        Assert.Equal(german ? "German" : "French", detail["language"]!.GetValue<string>());
        var answers = detail["answers"]!.AsArray().ToDictionary(a => a!["question"]!.GetValue<string>(), a => a!["answer"]!.GetValue<string>());
        Assert.Equal("Startup", answers["Organization"]);
        Assert.Equal("Idea or concept only", answers["Design maturity"]);
        Assert.Equal("EU (MDR)", answers["Target markets"]);
        Assert.Equal("Class IIa", answers["EU device class"]);
        Assert.Equal("Europe", answers["Location"]);
        Assert.Equal("Cdmo", detail["lead"]!["model"]!.GetValue<string>());
        // The transcript keeps what the prospect read.
        Assert.Contains(german ? "Wie weit ist das Design" : "conception", detail["transcript"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.5", "de", "Direkt zum Chat", "Diesen Chat auf diesem Gerät merken")]
    [InlineData("fr-FR,fr;q=0.9", "fr", "Aller directement au chat", "Mémoriser ce chat sur cet appareil")]
    [InlineData("es-ES,es;q=0.9", "en", "Skip to the chat", "Remember this chat on this device")]
    public async Task The_page_speaks_the_browsers_language_and_hands_it_to_web_chat(string acceptLanguage, string code, string skip, string remember)
    {
        using var app = new PartnerBotApplication();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{code}\">", html);
        Assert.Contains(skip, html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(remember), html);
        Assert.Contains($"\"language\":\"{code}\"", html);
    }

    [Fact]
    public async Task The_visitors_choice_on_the_page_wins_over_the_browser()
    {
        using var app = new PartnerBotApplication();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?lang=fr");
        request.Headers.TryAddWithoutValidation("Accept-Language", "de-DE");
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", html);
        // The other languages are offered by name, in themselves.
        Assert.Contains("hreflang=\"de\">Deutsch</a>", html);
        Assert.Contains("hreflang=\"en\">English</a>", html);
    }

    [Fact]
    public async Task The_sites_language_speaks_to_a_client_that_sends_no_locale_of_ours()
    {
        using var app = new PartnerBotApplication(settings: new Dictionary<string, string?> { ["Advisor:Language"] = "de" });
        (await app.Chat(locale: "").SendAsync("hallo")).Expect("Dürfen wir dieses Gespräch speichern");
        (await app.Chat(locale: "es-ES").SendAsync("hola")).Expect("Dürfen wir dieses Gespräch speichern");
        // A client that says English gets English.
        (await app.Chat(locale: "en-GB").SendAsync("hello")).Expect("May we keep this conversation");
    }

    [Fact]
    public void A_language_the_advisor_does_not_speak_is_refused_at_start()
    {
        using var app = new PartnerBotApplication(settings: new Dictionary<string, string?> { ["Advisor:Language"] = "es" });
        Assert.Contains("Advisor:Language must be one of the advisor's languages", app.StartupRefusal());
    }

    private static IEnumerable<JsonNode> Cards(Replies replies) =>
        replies.Activities.SelectMany(a => a.Attachments ?? []).Where(a => a.ContentType == Attachment.AdaptiveCardContentType && a.Content is not null).Select(a => a.Content!);
}
