using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

        var record = await ContactRecordAsync(bot);
        Assert.Equal("ada@acme-medical.com", record.Contact!["email"]!.GetValue<string>());
        Assert.Equal("Cdmo", record.OutcomeModel);
        Assert.Equal(Consent.Granted, record.Consent);
        var said = (await bot.Store.Transcripts.GetTranscriptAsync(record.ConversationId, default))
            .Where(e => e.Direction == TranscriptDirection.Inbound && e.Activity.Type == "message")
            .Select(e => e.Activity.Text ?? "(card)")
            .ToList();
        Assert.Equal("Yes, keep it", said[0]);
        Assert.Equal("startup", said[1]);
        Assert.Contains("Europe", said);
    }

    /// <summary>
    /// Another site embeds the chat with embed.js (the host page on localhost, PartnerBot on 127.0.0.1: two sites),
    /// in a browser context that blocks third-party storage, as headless Chromium's default context does, and as
    /// incognito windows and strict tracking protection do: the widget must still work, from memory.
    /// </summary>
    [Fact]
    public async Task The_widget_embedded_on_another_site_works_with_third_party_storage_blocked()
    {
        using var bot = new KestrelPartnerBot();
        var embedTag = $"<script src=\"{new Uri(bot.BaseAddress, "/embed.js")}\" async></script>";
        var (host, address) = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Content(
            $"<!doctype html><html lang=\"en\"><head><title>Partner site</title></head><body><h1>Our devices</h1>{embedTag}</body></html>", "text/html")));
        await using var _ = host;
        // The host page listens on 127.0.0.1 but is opened as localhost: another site than PartnerBot's 127.0.0.1.
        var hostPage = $"http://localhost:{new Uri(address).Port}/";
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 900, Height = 1000 } });
        var page = await context.NewPageAsync();

        try
        {
            await page.GotoAsync(hostPage);
            await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
            var frame = page.FrameLocator("iframe[title='Chat with us']");
            // The frame really is cross-site and has no storage: each store refuses access there.
            var storageRefused = await page.Frames.Single(f => f.Url.StartsWith(bot.BaseAddress.ToString(), StringComparison.Ordinal))
                .EvaluateAsync<bool>("() => { try { localStorage.setItem('probe', '1'); return false; } catch { return true; } }");
            Assert.True(storageRefused, "The test needs a context that blocks third-party storage.");

            await AnswerAllAsync(frame.Locator("body"), reloadMidway: null);
            await LeaveContactDetailsAsync(frame.Locator("body"));
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("failure-embedded.png"), FullPage = true });
            throw;
        }

        var record = await ContactRecordAsync(bot);
        Assert.Equal("ada@acme-medical.com", record.Contact!["email"]!.GetValue<string>());
    }

    /// <summary>
    /// The chat is kept for the tab only unless the visitor asks to be remembered on the device; "End chat and forget
    /// me" leaves nothing of it in the browser and starts a new conversation.
    /// </summary>
    [Fact]
    public async Task A_chat_is_kept_for_the_tab_unless_remembered_and_ending_it_forgets_it()
    {
        using var bot = new KestrelPartnerBot();
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 420, Height = 900 } });
        var first = await context.NewPageAsync();
        var url = bot.BaseAddress.ToString();

        await first.GotoAsync(url);
        var chat = first.Locator("body");
        await Expect(chat.GetByText("the development-partner advisor", new() { Exact = false }));
        await Click(chat, "Yes, keep it", "Question 1 of ");
        var conversation = await StoredConversationAsync(first, "sessionStorage");
        Assert.NotNull(conversation);
        Assert.Null(await StoredConversationAsync(first, "localStorage"));

        // Another tab (or the next person opening the site) does not get this chat.
        var second = await context.NewPageAsync();
        await second.GotoAsync(url);
        await Expect(second.Locator("body").GetByText("the development-partner advisor", new() { Exact = false }));
        Assert.NotEqual(conversation, await StoredConversationAsync(second, "sessionStorage"));
        await second.CloseAsync();

        // Remembered on this device: a new tab continues it.
        await first.GetByLabel("Remember this chat on this device").CheckAsync();
        Assert.Equal(conversation, await StoredConversationAsync(first, "localStorage"));
        Assert.Null(await StoredConversationAsync(first, "sessionStorage"));
        var third = await context.NewPageAsync();
        await third.GotoAsync(url);
        await Expect(third.Locator("body").GetByText("Question 1 of "));
        Assert.True(await third.GetByLabel("Remember this chat on this device").IsCheckedAsync());

        // Ended and forgotten: the page starts over with a new conversation and nothing of the old one is stored.
        await third.GetByRole(AriaRole.Button, new() { Name = "End chat and forget me" }).ClickAsync();
        await third.WaitForFunctionAsync($"() => {{ const s = JSON.parse(sessionStorage.getItem('partnerbot.directline') || 'null'); return s && s.conversationId !== '{conversation}'; }}");
        await Expect(third.Locator("body").GetByText("the development-partner advisor", new() { Exact = false }));
        Assert.Null(await StoredConversationAsync(third, "localStorage"));
        Assert.Equal(0, await third.Locator("body").GetByText("Question 1 of ").CountAsync());
        Assert.False(await third.GetByLabel("Remember this chat on this device").IsCheckedAsync());
    }

    private static Task<string?> StoredConversationAsync(IPage page, string storage) =>
        page.EvaluateAsync<string?>($"() => {{ const s = JSON.parse({storage}.getItem('partnerbot.directline') || 'null'); return s && s.conversationId; }}");

    private static async Task CompleteAssessmentAsync(IPage page, string url, string transport)
    {
        await page.GotoAsync(url);
        await AnswerAllAsync(page.Locator("body"), reloadMidway: () => page.ReloadAsync());
        await page.ScreenshotAsync(new() { Path = ScreenshotPath($"recommendation-{transport}.png"), FullPage = true });
        await LeaveContactDetailsAsync(page.Locator("body"));
    }

    /// <summary>Consent, the eleven questions and the recommendation, inside <paramref name="chat"/> (the page or a frame).</summary>
    private static async Task AnswerAllAsync(ILocator chat, Func<Task>? reloadMidway)
    {
        await Expect(chat.GetByText("the development-partner advisor", new() { Exact = false }));
        await Click(chat, "Yes, keep it");
        await Expect(chat.GetByText("Question 1 of "));

        // One answer typed into the send box, the rest clicked.
        var sendBox = Visible(chat.GetByRole(AriaRole.Textbox));
        await sendBox.FillAsync("startup");
        await sendBox.PressAsync("Enter");
        await Expect(chat.GetByText("Question 2 of "));
        await Click(chat, "Idea or concept only");
        await Expect(chat.GetByText("Question 3 of "));

        if (reloadMidway is not null)
        {
            // A reload midway: the conversation comes back and continues where it was.
            await reloadMidway();
            await Expect(chat.GetByText("Question 3 of "));
        }
        await Click(chat, "EU (MDR)");
        await Click(chat, "Class IIa", "Question 5 of ");
        await Click(chat, "Not yet", "Question 6 of ");
        await Click(chat, "No", "Question 7 of ");
        await Visible(chat.GetByRole(AriaRole.Checkbox, new() { Name = "Product engineering" })).CheckAsync();
        await Visible(chat.GetByRole(AriaRole.Checkbox, new() { Name = "Electronics / software" })).CheckAsync();
        await Visible(chat.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ClickAsync();
        await Expect(chat.GetByText("Question 8 of "));
        await Click(chat, "Time-to-market", "Question 9 of ");
        await Click(chat, "1,000 - 10,000", "Question 10 of ");
        await Click(chat, "In 1-2 years", "Question 11 of ");
        await Click(chat, "Europe", "partnership readiness");
        await Click(chat, "Skip", "Recommendation");

        var headline = chat.GetByText("A development and manufacturing partner (CDMO)");
        await Expect(headline);
        foreach (var phase in new[] { "PD", "DD", "DT", "CM" }) await Expect(chat.GetByText(phase, new() { Exact = true }));
        await Expect(chat.GetByText("Start here"));
        await headline.ScrollIntoViewIfNeededAsync();
    }

    private static async Task LeaveContactDetailsAsync(ILocator chat)
    {
        await Visible(chat.GetByRole(AriaRole.Button, new() { Name = "Talk to an expert" })).ClickAsync();
        await Expect(chat.GetByLabel("Work e-mail"));
        var email = Visible(chat.GetByLabel("Work e-mail"));
        await Visible(chat.GetByLabel("Name")).FillAsync("Ada Prospect");
        await email.FillAsync("ada@");
        await Visible(chat.GetByLabel("Company")).FillAsync("Acme Medical");
        await Visible(LastCard(chat).GetByRole(AriaRole.Button, new() { Name = "Send" })).ClickAsync();
        await Expect(chat.GetByText("Please enter a valid e-mail address, like name@company.com."));

        await email.FillAsync("ada@acme-medical.com");
        await Visible(LastCard(chat).GetByRole(AriaRole.Button, new() { Name = "Send" })).ClickAsync();
        await Expect(chat.GetByText("Thank you, Ada Prospect", new() { Exact = false }));
    }

    private static async Task Click(ILocator chat, string button, string? expectNext = null)
    {
        await Visible(chat.GetByRole(AriaRole.Button, new() { Name = button, Exact = true })).ClickAsync(new() { Timeout = Timeout });
        if (expectNext is not null) await Expect(chat.GetByText(expectNext, new() { Exact = false }).Last);
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(Visible(locator)).ToBeVisibleAsync(new() { Timeout = Timeout });

    /// <summary>The newest Adaptive Card on screen (its buttons must not be confused with the send box's "Send").</summary>
    private static ILocator LastCard(ILocator chat) => Visible(chat.Locator(".ac-adaptiveCard"));

    /// <summary>Web Chat repeats each activity in an off-screen live region for screen readers; use what is shown.</summary>
    private static ILocator Visible(ILocator locator) => locator.Filter(new() { Visible = true }).Last;

    private static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(new OfficialCardChecker().RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    /// <summary>
    /// The website conversation's record once it holds the contact details. The page shows the bot's reply as soon as
    /// it reaches the Direct Line log; the record is saved with the turn's end, a moment later.
    /// </summary>
    private static async Task<ConversationRecord> ContactRecordAsync(KestrelPartnerBot bot)
    {
        ConversationRecord? record = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            record = (await bot.Store.Records.QueryAsync(new ConversationQuery { ChannelId = "directline" }, default)).Records.SingleOrDefault();
            return record?.Contact is not null;
        }, "The website conversation's record never held the contact details.");
        return record!;
    }
}
