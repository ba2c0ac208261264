using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Alerts;
using PartnerBot.Tests.Alerts;
using PartnerBot.Tests.Handoff;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Browser;

/// <summary>
/// Live hand-off in the partner's page, in headless Chromium with the official Web Chat bundle, against PartnerBot on
/// Kestrel and a loopback fake Bot Connector for the sales channel: the prospect asks by typing, Ann joins from the
/// card, five messages go each way in order, typing shows on both sides, Ann ends the chat and the bot answers again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveChatBrowserTests(ChromiumFixture chromium)
{
    private const float Timeout = 20_000;
    private int _sequence;

    [Fact]
    public async Task A_prospect_in_Web_Chat_chats_with_Ann_from_the_sales_channel_and_then_with_the_bot_again()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var bot = new KestrelPartnerBot(new Dictionary<string, string?>
        {
            ["Sales:AlertTeamIds:0"] = LeadAlertTests.SalesTeam,
            ["Sales:AlertPollSeconds"] = "1",
            ["Sales:PublicUrl"] = "https://bot.example.test",
        });
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        using (var subscribed = await http.PostAsJsonAsync("/api/messages", LeadAlertTests.Command(connector, Next(), "notify here"), BotJson.Options)) subscribed.EnsureSuccessStatusCode();

        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 420, Height = 900 } });
        var page = await context.NewPageAsync();
        var chat = page.Locator("body");
        try
        {
            await page.GotoAsync(bot.BaseAddress.ToString());
            await Click(chat, "Yes, keep it", "Question 1 of ");
            await TypeAsync(chat, "can I talk to someone now?");
            await Expect(chat.GetByText("asking our team to join this chat", new() { Exact = false }));

            ReceivedActivity? card = null;
            await Eventually.WaitUntilAsync(() => Task.FromResult((card = connector.Messages.FirstOrDefault(m => m.ConversationId == LeadAlertTests.SalesChannel && m.Activity.Attachments is { Count: > 0 })) is not null),
                "the lead card reaches the sales channel");
            var alertId = card!.Activity.Attachments![0].Content!["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == LeadAlertCard.JoinVerb)!["data"]!["alertId"]!.GetValue<string>();
            string? messageId = null;
            await Eventually.WaitUntilAsync(async () => (messageId = (await bot.Store.Alerts.GetAlertAsync(alertId, default))?.ActivityId) is not null, "the card is marked posted");
            var thread = LiveChatHarness.Thread(messageId!);

            await PostAsync(http, LiveChatHarness.CardClick(connector, Next(), LeadAlertCard.JoinVerb, alertId, messageId!));
            await Expect(chat.GetByText("Ann Sales from our team has joined the chat."));

            // Ann is typing: Web Chat shows it.
            await PostAsync(http, LiveChatHarness.InThread(connector, Next(), messageId!, ActivityTypes.Typing));
            await Assertions.Expect(page.Locator(".webchat__typing-indicator").First).ToBeVisibleAsync(new() { Timeout = Timeout });

            for (var i = 1; i <= 5; i++) await PostAsync(http, Said(connector, messageId!, $"Ann says {i}"));
            await Expect(chat.GetByText("Ann says 5", new() { Exact = true }));
            var shown = await chat.GetByText(new System.Text.RegularExpressions.Regex("^Ann says \\d$")).Filter(new() { Visible = true }).AllInnerTextsAsync();
            Assert.Equal(["Ann says 1", "Ann says 2", "Ann says 3", "Ann says 4", "Ann says 5"], shown.Distinct());

            // The prospect typing shows in the thread; then five messages, in order.
            var sendBox = Visible(chat.GetByRole(AriaRole.Textbox));
            await sendBox.PressSequentiallyAsync("Vera", new() { Delay = 50 });
            await Eventually.WaitUntilAsync(() => Task.FromResult(connector.Received.Any(r => r.ConversationId == thread && r.Activity.IsType(ActivityTypes.Typing))),
                "the thread shows the prospect typing");
            await sendBox.FillAsync("");
            for (var i = 1; i <= 5; i++) await TypeAsync(chat, $"Vera says {i}");
            await Eventually.WaitUntilAsync(() => Task.FromResult(ThreadTexts(connector, thread).Count(t => t.Contains("Vera says", StringComparison.Ordinal)) == 5),
                "the five messages reach the thread");
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"**Website visitor:** Vera says {i}"), ThreadTexts(connector, thread).Where(t => t.Contains("Vera says", StringComparison.Ordinal)));

            await PostAsync(http, Said(connector, messageId!, "end chat"));
            await Expect(chat.GetByText("Ann Sales has ended the chat.", new() { Exact = false }));
            // The bot is back: the next answer goes to the question the chat interrupted.
            await TypeAsync(chat, "startup");
            await Expect(chat.GetByText("here again", new() { Exact = false }));
            await Expect(chat.GetByText("Question 2 of ", new() { Exact = false }).Last);
        }
        catch
        {
            var directory = Path.Combine(new OfficialCardChecker().RepositoryRoot, "TestResults", "screenshots");
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "failure-live-chat.png"), FullPage = true });
            throw;
        }
    }

    private static IReadOnlyList<string> ThreadTexts(FakeConnector connector, string thread) =>
        connector.Messages.Where(m => m.ConversationId == thread && m.Activity.Text is not null).Select(m => m.Activity.Text!).ToList();

    private Activity Said(FakeConnector connector, string messageId, string text)
    {
        var message = LiveChatHarness.InThread(connector, Next(), messageId);
        message.Text = text;
        return message;
    }

    private static async Task PostAsync(HttpClient http, Activity activity)
    {
        using var response = await http.PostAsJsonAsync("/api/messages", activity, BotJson.Options);
        response.EnsureSuccessStatusCode();
    }

    private static async Task TypeAsync(ILocator chat, string text)
    {
        var sendBox = Visible(chat.GetByRole(AriaRole.Textbox));
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
        await Expect(chat.GetByText(text, new() { Exact = true }));
    }

    private static async Task Click(ILocator chat, string button, string expectNext)
    {
        await Expect(chat.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }));
        await Visible(chat.GetByRole(AriaRole.Button, new() { Name = button, Exact = true })).ClickAsync(new() { Timeout = Timeout });
        await Expect(chat.GetByText(expectNext, new() { Exact = false }).Last);
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(Visible(locator)).ToBeVisibleAsync(new() { Timeout = Timeout });

    private static ILocator Visible(ILocator locator) => locator.Filter(new() { Visible = true }).Last;

    private int Next() => Interlocked.Increment(ref _sequence);
}
