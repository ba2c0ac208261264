using Microsoft.Playwright;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Browser;

/// <summary>
/// The whole assessment in the partner's page, in headless Chromium with the official Web Chat bundle, against
/// PartnerBot on Kestrel: buttons clicked, one answer typed, a reload midway, the recommendation card, the
/// contact form with its validation, then the transcript and the lead checked in the store.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatBrowserTests(ChromiumFixture chromium)
{
    private static readonly float Timeout = 20_000;

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task A_prospect_completes_the_assessment_in_the_browser_and_leaves_their_details(string transport)
    {
        using var bot = new KestrelPartnerBot();
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 420, Height = 900 } });
        var page = await context.NewPageAsync();
        var url = new Uri(bot.BaseAddress, transport == "polling" ? "/?transport=polling" : "/").ToString();

        try
        {
            await CompleteAssessmentAsync(page, url, transport);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = ScreenshotPath($"failure-{transport}.png"), FullPage = true });
            throw;
        }

        var record = (await bot.Store.QueryAsync(new ConversationQuery { ChannelId = "directline" }, default)).Records.Single();
        Assert.Equal("ada@acme-medical.com", record.Contact!["email"]!.GetValue<string>());
        Assert.Equal("Cdmo", record.OutcomeModel);
        Assert.Equal(Consent.Granted, record.Consent);
        var said = (await bot.Store.GetTranscriptAsync(record.ConversationId, default))
            .Where(e => e.Direction == TranscriptDirection.Inbound && e.Activity.Type == "message")
            .Select(e => e.Activity.Text ?? "(card)")
            .ToList();
        Assert.Equal("Yes, keep it", said[0]);
        Assert.Equal("startup", said[1]);
        Assert.Contains("Europe", said);
    }

    private static async Task CompleteAssessmentAsync(IPage page, string url, string transport)
    {
        await page.GotoAsync(url);
        await Expect(page.GetByText("the development-partner advisor", new() { Exact = false }));
        await Click(page, "Yes, keep it");
        await Expect(page.GetByText("Question 1 of 11"));

        // One answer typed into the send box, the rest clicked.
        var sendBox = Visible(page.GetByRole(AriaRole.Textbox));
        await sendBox.FillAsync("startup");
        await sendBox.PressAsync("Enter");
        await Expect(page.GetByText("Question 2 of 11"));
        await Click(page, "Idea or concept only");
        await Expect(page.GetByText("Question 3 of 11"));

        // A reload midway: the conversation comes back and continues where it was.
        await page.ReloadAsync();
        await Expect(page.GetByText("Question 3 of 11"));
        await Click(page, "EU (MDR)");
        await Click(page, "Class IIa", "Question 5 of 11");
        await Click(page, "Not yet", "Question 6 of 11");
        await Click(page, "No", "Question 7 of 11");
        await Visible(page.GetByRole(AriaRole.Checkbox, new() { Name = "Product engineering" })).CheckAsync();
        await Visible(page.GetByRole(AriaRole.Checkbox, new() { Name = "Electronics / software" })).CheckAsync();
        await Visible(page.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ClickAsync();
        await Expect(page.GetByText("Question 8 of 11"));
        await Click(page, "Time-to-market", "Question 9 of 11");
        await Click(page, "1,000 - 10,000", "Question 10 of 11");
        await Click(page, "In 1-2 years", "Question 11 of 11");
        await Click(page, "Europe", "partnership readiness");
        await Click(page, "Skip", "Recommendation");

        var headline = page.GetByText("A development and manufacturing partner (CDMO)");
        await Expect(headline);
        foreach (var phase in new[] { "PD", "DD", "DT", "CM" }) await Expect(page.GetByText(phase, new() { Exact = true }));
        await Expect(page.GetByText("Start here"));
        await headline.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = ScreenshotPath($"recommendation-{transport}.png"), FullPage = true });

        await Visible(page.GetByRole(AriaRole.Button, new() { Name = "Talk to an expert" })).ClickAsync();
        await Expect(page.GetByLabel("Work e-mail"));
        var email = Visible(page.GetByLabel("Work e-mail"));
        await Visible(page.GetByLabel("Name")).FillAsync("Ada Prospect");
        await email.FillAsync("ada@");
        await Visible(page.GetByLabel("Company")).FillAsync("Acme Medical");
        await Visible(LastCard(page).GetByRole(AriaRole.Button, new() { Name = "Send" })).ClickAsync();
        await Expect(page.GetByText("Please enter a valid e-mail address, like name@company.com."));

        await email.FillAsync("ada@acme-medical.com");
        await Visible(LastCard(page).GetByRole(AriaRole.Button, new() { Name = "Send" })).ClickAsync();
        await Expect(page.GetByText("Thank you, Ada Prospect", new() { Exact = false }));
    }

    private static async Task Click(IPage page, string button, string? expectNext = null)
    {
        await Visible(page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true })).ClickAsync(new() { Timeout = Timeout });
        if (expectNext is not null) await Expect(page.GetByText(expectNext, new() { Exact = false }).Last);
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(Visible(locator)).ToBeVisibleAsync(new() { Timeout = Timeout });

    /// <summary>The newest Adaptive Card on screen (its buttons must not be confused with the send box's "Send").</summary>
    private static ILocator LastCard(IPage page) => Visible(page.Locator(".ac-adaptiveCard"));

    /// <summary>Web Chat repeats each activity in an off-screen live region for screen readers; use what is shown.</summary>
    private static ILocator Visible(ILocator locator) => locator.Filter(new() { Visible = true }).Last;

    private static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(new OfficialCardChecker().RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
