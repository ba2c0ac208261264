using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using PartnerBot.Sales.Workspace;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Browser;

/// <summary>
/// What sales and prospects see, in headless Chromium: the bot's markdown rendered in the workspace as Web Chat
/// renders it, a hostile prospect's words shown exactly as typed with nothing run, and axe-core (WCAG 2.1 A/AA)
/// finding nothing serious or critical on the chat page, the embedded widget, the workspace list with its funnel,
/// and the conversation page, each with the recommendation card on screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(ChromiumFixture chromium)
{
    private const float Timeout = 20_000;
    private const string HostileMessage = "**bold** <img src=x onerror=\"window.__xss=1\"> [click me](javascript:window.__xss=2)";
    private const string HostileName = "**Eve** [site](https://phish.example) <img src=x onerror=\"window.__xss=3\">";
    private const string HostileNote = "<script>window.__xss=4</script> [x](javascript:window.__xss=5)";

    private static readonly string Axe = File.ReadAllText(Path.Combine(new OfficialCardChecker().RepositoryRoot, "tests", "js", "node_modules", "axe-core", "axe.min.js"));

    [Fact]
    public async Task The_workspace_renders_the_bots_markdown_shows_a_hostile_prospect_literally_and_passes_axe()
    {
        using var bot = new KestrelPartnerBot();
        var http = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new TestChat(http, "conv-" + Guid.NewGuid().ToString("N")[..12], "emulator", "user-eve", "Eve", null, null);
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        await chat.SendAsync(HostileMessage);
        await Advisor.AssessmentWalk.AnswerAsync(chat, Advisor.AdvisorPersonas.Scripts[0].Answers.Skip(2));
        await chat.SendAsync("talk to an expert");
        (await chat.SubmitAsync(new { contactForm = true, name = HostileName, email = "eve@example.com", company = "**Acme**", phone = "", message = HostileNote, contactTime = "" }))
            .Expect("Thank you");

        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync(new Uri(bot.BaseAddress, "/sales").ToString());
        await Assertions.Expect(page.Locator("tr.lead")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(".funnel .total").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        NoSeriousViolations(await SeriousViolationsAsync(page.MainFrame));

        await page.GotoAsync(new Uri(bot.BaseAddress, "/sales/conversations/" + SalesKeys.Encode("emulator/conversations/" + chat.ConversationId)).ToString());
        await Assertions.Expect(page.Locator(".panel .card .ac-adaptiveCard").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(".transcript .message.bot").First).ToBeVisibleAsync(new() { Timeout = Timeout });

        // The bot's markdown is rendered: no literal markers, the progress line in italics, the card's services as a list.
        // (The confirmation that repeats the prospect's name is theirs to show literally: checked below.)
        var botText = (await page.Locator(".transcript .message.bot, .panel .card").AllInnerTextsAsync()).Where(t => !t.Contains("Thank you", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(botText, t => t.Contains("*Question", StringComparison.Ordinal) || t.Contains("**", StringComparison.Ordinal));
        Assert.DoesNotContain(botText.SelectMany(t => t.Split('\n')), line => line.TrimStart().StartsWith("- ", StringComparison.Ordinal));
        Assert.True(await page.Locator(".transcript .message.bot em", new() { HasTextString = "Question 1 of" }).CountAsync() > 0);
        Assert.True(await page.Locator(".panel .card li").CountAsync() > 0, "The card's services should be a list.");

        // The prospect's words are shown as typed, and nothing in them runs.
        var said = page.Locator(".transcript .message.prospect", new() { HasTextString = "**bold**" });
        await Assertions.Expect(said).ToContainTextAsync(HostileMessage, new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator(".transcript .message.prospect img, .transcript .message.prospect a, .contact img, .contact a[href^='javascript']").CountAsync());
        await Assertions.Expect(page.Locator(".contact")).ToContainTextAsync(HostileName);
        await Assertions.Expect(page.Locator(".contact")).ToContainTextAsync("**Acme**");
        await Assertions.Expect(page.Locator(".contact")).ToContainTextAsync(HostileNote);
        // The bot's confirmation repeats the name: as written there too, with no link or emphasis of the prospect's making.
        await Assertions.Expect(page.Locator(".transcript .message.bot", new() { HasTextString = "Thank you, " }).Last).ToContainTextAsync("**Eve** [site](https://phish.example)");
        Assert.Equal(0, await page.Locator("a[href*='phish.example']").CountAsync());
        Assert.Null(await page.EvaluateAsync<JsonElement?>("() => window.__xss ?? null"));
        Assert.Equal(0, dialogs);

        // A link in the bot's markdown opens apart from the page, and only to http(s).
        foreach (var link in await page.Locator(".transcript .message.bot a, .panel .card a").AllAsync())
        {
            Assert.Matches("^https?://", await link.GetAttributeAsync("href") ?? "");
            Assert.Equal("noopener noreferrer", await link.GetAttributeAsync("rel"));
        }

        NoSeriousViolations(await SeriousViolationsAsync(page.MainFrame));
    }

    [Fact]
    public async Task The_chat_page_passes_axe_before_during_and_after_the_recommendation()
    {
        using var bot = new KestrelPartnerBot();
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 420, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(bot.BaseAddress, "/").ToString());
        var chat = page.Locator("body");

        await Visible(chat.GetByText("the development-partner advisor", new() { Exact = false }));
        NoSeriousViolations(await SeriousViolationsAsync(page.MainFrame));

        await TypeAsync(chat, "yes", "Question 1 of ");
        NoSeriousViolations(await SeriousViolationsAsync(page.MainFrame));

        await AnswerRestAsync(chat);
        NoSeriousViolations(await SeriousViolationsAsync(page.MainFrame));
    }

    [Fact]
    public async Task The_embedded_widget_passes_axe_with_the_recommendation_on_screen()
    {
        using var bot = new KestrelPartnerBot();
        var embedTag = $"<script src=\"{new Uri(bot.BaseAddress, "/embed.js")}\" async></script>";
        var (host, address) = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Content(
            $"<!doctype html><html lang=\"en\"><head><title>Partner site</title></head><body><main><h1>Our devices</h1>{embedTag}</main></body></html>", "text/html")));
        await using var _ = host;
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 900, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"http://localhost:{new Uri(address).Port}/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        var frame = page.FrameLocator("iframe[title='Chat with us']").Locator("body");

        await Visible(frame.GetByText("the development-partner advisor", new() { Exact = false }));
        await TypeAsync(frame, "yes", "Question 1 of ");
        await AnswerRestAsync(frame);

        NoSeriousViolations(await SeriousViolationsAsync(page.MainFrame));
        var widget = page.Frames.Single(f => f.Url.StartsWith(bot.BaseAddress.ToString(), StringComparison.Ordinal));
        NoSeriousViolations(await SeriousViolationsAsync(widget));
    }

    /// <summary>axe-core's WCAG 2.1 A/AA rules on the frame: each serious or critical violation with the elements it found.</summary>
    private static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IFrame frame)
    {
        // Colours are checked once they have settled: an activity fading in is not yet what a person reads.
        await frame.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')", null, new() { Timeout = Timeout });
        // Evaluated through the browser's debugging protocol, which the page's Content Security Policy does not restrict.
        await frame.EvaluateAsync(Axe);
        var found = await frame.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ')).join(' | ')}`)
            """);
        return found;
    }

    /// <summary>The rest of the assessment, typed, each answer waiting for the question it leads to.</summary>
    private static async Task AnswerRestAsync(ILocator chat)
    {
        (string Answer, string Next)[] steps =
        [
            ("startup", "Question 2 of "), ("idea", "Question 3 of "), ("EU", "Question 4 of "), ("IIa", "Question 5 of "), ("not yet", "Question 6 of "),
            ("no", "Question 7 of "), ("product engineering, electronics", "Question 8 of "), ("time to market", "Question 9 of "),
            ("1,000 - 10,000", "Question 10 of "), ("in 1-2 years", "Question 11 of "), ("europe", "partnership readiness"),
            ("skip", "A development and manufacturing partner (CDMO)"),
        ];
        foreach (var (answer, next) in steps) await TypeAsync(chat, answer, next);
    }

    private static void NoSeriousViolations(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, "axe-core found:\n" + string.Join("\n", violations));

    private static async Task TypeAsync(ILocator chat, string text, string expect)
    {
        var box = chat.GetByRole(AriaRole.Textbox).Filter(new() { Visible = true }).Last;
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await Visible(chat.GetByText(expect, new() { Exact = false }));
    }

    private static async Task Visible(ILocator locator) =>
        await Assertions.Expect(locator.Filter(new() { Visible = true }).Last).ToBeVisibleAsync(new() { Timeout = Timeout });
}
