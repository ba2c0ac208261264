using Microsoft.Playwright;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Browser;

/// <summary>
/// The partner's page in headless Chromium with a German or a French browser: the page, Web Chat's own strings and
/// the whole conversation (buttons clicked and answers typed, the recommendation card, the contact form and its
/// validation) in that language with no English left, and the lead stored for sales by its meaning.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageBrowserTests(ChromiumFixture chromium)
{
    private static readonly float Timeout = 20_000;

    public sealed record Script(
        string Locale, string Welcome, string Consent, string Progress, string Typed, string[] Clicked, string Engineering, string Electronics, string Continue,
        string[] Rest, string Headline, string Expert, string Email, string Name, string Company, string Send, string Invalid, string Thanks);

    public static TheoryData<Script> Scripts => new()
    {
        new Script("de-DE", "digitale Berater", "Ja, gern speichern", "Frage {0} von", "wir sind ein Start-up",
            ["Nur Idee oder Konzept", "EU (MDR)", "Klasse IIa", "Noch nicht", "Nein"], "Produktentwicklung (Engineering)", "Elektronik / Software", "Weiter",
            ["Schnelle Markteinführung (Time-to-Market)", "1.000 - 10.000", "In 1-2 Jahren", "Europa", "Überspringen"],
            "Ein Entwicklungs- und Fertigungspartner (CDMO)", "Mit einem Experten sprechen", "Geschäftliche E-Mail-Adresse", "Name", "Unternehmen", "Senden",
            "Bitte geben Sie eine gültige E-Mail-Adresse ein", "Vielen Dank, Ada Prospekt"),
        new Script("fr-FR", "conseiller", "Oui, conservez-la", "Question {0} sur", "nous sommes une start-up",
            ["Idée ou concept uniquement", "UE (MDR)", "Classe IIa", "Pas encore", "Non"], "Ingénierie produit", "Électronique / logiciel", "Continuer",
            ["Délai de mise sur le marché", "1 000 – 10 000", "Dans 1 à 2 ans", "Europe", "Passer"],
            "Un partenaire de développement et de fabrication (CDMO)", "Parler à un expert", "E-mail professionnel", "Nom", "Entreprise", "Envoyer",
            "Veuillez saisir une adresse e-mail valide", "Merci, Ada Prospekt"),
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task A_prospect_whose_browser_speaks_german_or_french_gets_the_whole_conversation_in_it(Script script)
    {
        using var bot = new KestrelPartnerBot(new Dictionary<string, string?> { ["LiveChat:Enabled"] = "false" });
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = script.Locale, ViewportSize = new() { Width = 420, Height = 900 } });
        var page = await context.NewPageAsync();
        var chat = page.Locator("body");
        try
        {
            await page.GotoAsync(bot.BaseAddress.ToString());
            Assert.Equal(script.Locale[..2], await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            await Expect(chat.GetByText(script.Welcome, new() { Exact = false }));
            await Click(chat, script.Consent, string.Format(script.Progress, 1));

            var sendBox = Visible(chat.GetByRole(AriaRole.Textbox));
            await sendBox.FillAsync(script.Typed);
            await sendBox.PressAsync("Enter");
            await Expect(chat.GetByText(string.Format(script.Progress, 2), new() { Exact = false }).Last);
            for (var i = 0; i < script.Clicked.Length; i++) await Click(chat, script.Clicked[i], string.Format(script.Progress, i + 3));
            await Visible(chat.GetByRole(AriaRole.Checkbox, new() { Name = script.Engineering })).CheckAsync();
            await Visible(chat.GetByRole(AriaRole.Checkbox, new() { Name = script.Electronics })).CheckAsync();
            await Visible(chat.GetByRole(AriaRole.Button, new() { Name = script.Continue })).ClickAsync();
            foreach (var button in script.Rest) await Click(chat, button);
            await Expect(chat.GetByText(script.Headline));

            await Visible(chat.GetByRole(AriaRole.Button, new() { Name = script.Expert })).ClickAsync();
            await Expect(chat.GetByLabel(script.Email));
            await Visible(chat.GetByLabel(script.Name)).FillAsync("Ada Prospekt");
            await Visible(chat.GetByLabel(script.Email)).FillAsync("ada@");
            await Visible(chat.GetByLabel(script.Company)).FillAsync("Acme Medical");
            await Visible(chat.Locator(".ac-adaptiveCard").Last.GetByRole(AriaRole.Button, new() { Name = script.Send })).ClickAsync();
            await Expect(chat.GetByText(script.Invalid, new() { Exact = false }).First);
            await Visible(chat.GetByLabel(script.Email)).FillAsync("ada@acme-medical.com");
            await Visible(chat.Locator(".ac-adaptiveCard").Last.GetByRole(AriaRole.Button, new() { Name = script.Send })).ClickAsync();
            await Expect(chat.GetByText(script.Thanks, new() { Exact = false }));

            // Nothing English on the page: the bot's words, the cards and Web Chat's own (its send box, its labels).
            var shown = await page.EvaluateAsync<string>("() => document.body.innerText + '\\n' + [...document.querySelectorAll('[placeholder],[aria-label]')].map(e => (e.getAttribute('placeholder') || '') + ' ' + (e.getAttribute('aria-label') || '')).join('\\n')");
            var english = PartnerBot.Tests.Advisor.EnglishLeak.Words(shown);
            Assert.True(english.Count < 2, $"English on the {script.Locale} page ({string.Join(", ", english)}):\n{shown}");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"partnerbot-language-{script.Locale}.png"), FullPage = true });
            throw;
        }

        // Stored by meaning, for sales in English.
        ConversationRecord? record = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            record = (await bot.Store.Records.QueryAsync(new ConversationQuery { ChannelId = "directline" }, default)).Records.SingleOrDefault();
            return record?.Contact is not null;
        }, "The website conversation's record never held the contact details.");
        Assert.Equal("Cdmo", record!.OutcomeModel);
        Assert.Equal(script.Locale[..2], record.Answers!["language"]!.GetValue<string>());
        Assert.Equal("startup", record.Answers!["organization"]!.GetValue<string>());
    }

    private static async Task Click(ILocator chat, string button, string? expectNext = null)
    {
        await Visible(chat.GetByRole(AriaRole.Button, new() { Name = button, Exact = true })).ClickAsync(new() { Timeout = Timeout });
        if (expectNext is not null) await Expect(chat.GetByText(expectNext, new() { Exact = false }).Last);
    }

    private static ILocator Visible(ILocator locator) => locator.Last;

    private static Task Expect(ILocator locator) => Assertions.Expect(locator.Last).ToBeVisibleAsync(new() { Timeout = Timeout });
}
