using Microsoft.Playwright;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;

namespace PartnerBot.Tests.Browser;

/// <summary>
/// A sales engineer in headless Chromium, against PartnerBot on Kestrel after a few real conversations: filter the
/// list, open a conversation and see the card (rendered by the official Adaptive Cards renderer) and the
/// transcript, change the status and add a note, lose to a colleague who saved first, export, erase. And the sign-in
/// through a local Entra ID tenant with the real OpenID Connect code flow.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SalesWorkspaceBrowserTests(ChromiumFixture chromium)
{
    [Theory]
    [InlineData("local")]
    [InlineData("entra")]
    public async Task A_sales_engineer_finds_reads_follows_up_exports_and_erases_a_lead(string mode)
    {
        await using var idp = await LocalOpenIdProvider.StartAsync();
        using var bot = new KestrelPartnerBot(mode == "entra" ? idp.SalesSettings() : null);
        var me = mode == "entra" ? LocalOpenIdProvider.Reviewer.Name : "Local user";
        var http = new HttpClient { BaseAddress = bot.BaseAddress };
        var ada = await ExpertRequestAsync(http, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await ExpertRequestAsync(http, "Ben Buyer", "ben@beta-devices.example", "Beta Devices");
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 }, AcceptDownloads = true });
        await using var colleague = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        try
        {
            // Entra ID: the first visit signs in through the tenant's real code flow and comes back to /sales.
            await page.GotoAsync(new Uri(bot.BaseAddress, "/sales").ToString());
            await Expect(page.Locator("#me")).ToHaveTextAsync(me);
            if (mode == "local") await Expect(page.Locator("#banner")).ToContainTextAsync("Local mode");
            else await Expect(page.Locator("#banner")).ToBeHiddenAsync();
            await Expect(page.Locator("tr.lead")).ToHaveCountAsync(2);
            await Expect(page.Locator(".funnel .total").First).ToContainTextAsync("2");
            await Expect(page.Locator("figure.weekly svg rect").First).ToBeAttachedAsync();
            // The test's prospects came through the Emulator: the chart of Teams alone has no bars, all channels have.
            const string barHeights = "() => Array.from(document.querySelectorAll('figure.weekly svg rect')).reduce((sum, r) => sum + Number(r.getAttribute('height')), 0)";
            Assert.True(await page.EvaluateAsync<double>(barHeights) > 0);
            await page.GetByLabel("Channel of the weekly chart").SelectOptionAsync("teams");
            Assert.Equal(0, await page.EvaluateAsync<double>(barHeights));
            await page.GetByLabel("Channel of the weekly chart").SelectOptionAsync("");
            // Both finished: every question they reached, nobody stopped.
            await Expect(page.Locator(".dropoff-row[data-question='1']")).ToContainTextAsync("2 reached, 0 stopped");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath($"sales-list-{mode}.png"), FullPage = true });

            await page.GetByPlaceholder("Company, name or e-mail").FillAsync("acme");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Expect(page.Locator("tr.lead")).ToHaveCountAsync(1);
            Assert.Contains("q=acme", page.Url);
            await page.GetByRole(AriaRole.Link, new() { Name = "Ada Prospect" }).ClickAsync();

            // The recommendation as the prospect saw it, and the transcript as bubbles with the cards in them.
            await Expect(page.Locator(".panel .card .ac-adaptiveCard").First).ToBeVisibleAsync();
            await Expect(page.Locator(".transcript .message.prospect").First).ToContainTextAsync("hi");
            await Expect(page.Locator(".contact")).ToContainTextAsync("ada@acme-medical.example");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath($"sales-conversation-{mode}.png"), FullPage = true });

            // A colleague opens the same conversation now, before the changes below.
            idp.SignInAs = new("oid-carl", "Carl Colleague", Roles: ["Sales.Review"]);
            var other = await colleague.NewPageAsync();
            await other.GotoAsync(page.Url);
            await Expect(other.Locator("#owner")).ToHaveTextAsync("nobody");

            await page.GetByLabel("Status").SelectOptionAsync("contacted");
            await page.GetByLabel("Note").FillAsync("Called Ada, sending the NDA");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator(".timeline")).ToContainTextAsync("Called Ada, sending the NDA");
            await page.GetByRole(AriaRole.Button, new() { Name = "Assign to me" }).ClickAsync();
            await Expect(page.Locator("#owner")).ToHaveTextAsync(me);

            await other.GetByLabel("Note").FillAsync("I will call her tomorrow");
            await other.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(other.Locator(".notice")).ToContainTextAsync("Someone else saved this conversation first");
            await Expect(other.Locator("#owner")).ToHaveTextAsync(me);
            await Expect(other.Locator(".timeline")).Not.ToContainTextAsync("I will call her tomorrow");

            if (mode == "entra")
            {
                // The colleague has used the workspace, so the lead can be handed to them.
                await page.ReloadAsync();
                await page.GetByLabel("Assign to a colleague").SelectOptionAsync(new SelectOptionValue { Label = "Carl Colleague" });
                await Expect(page.Locator("#owner")).ToHaveTextAsync("Carl Colleague");
                await Expect(page.Locator(".timeline")).ToContainTextAsync("assigned to Carl Colleague");
            }

            await page.GetByRole(AriaRole.Link, new() { Name = "← All conversations" }).ClickAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.Contains("Acme Medical", csv);
            Assert.Contains("contacted", csv);
            Assert.Contains("Beta Devices", csv);

            await page.GetByRole(AriaRole.Link, new() { Name = "Ada Prospect" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete everything about this prospect" }).ClickAsync();
            await Expect(page.Locator(".notice")).ToHaveTextAsync("Erased.");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = ScreenshotPath($"sales-failure-{mode}.png"), FullPage = true });
            throw;
        }

        Assert.Null(await bot.Store.Records.GetAsync(SalesLeads.RecordId(ada), default));
        Assert.Single((await bot.Store.Records.QueryAsync(new PartnerBot.Storage.ConversationQuery(), default)).Records);
    }

    [Fact]
    public async Task Signing_in_with_entra_id_opens_the_workspace_and_someone_without_the_role_is_told_no()
    {
        await using var idp = await LocalOpenIdProvider.StartAsync();
        using var bot = new KestrelPartnerBot(idp.SalesSettings());
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(bot.BaseAddress, "/sales").ToString());

        await Expect(page.Locator("#me")).ToHaveTextAsync("Rita Reviewer");
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        Assert.Equal(1, idp.TokenRequests);
        Assert.EndsWith("/sales", page.Url);

        idp.SignInAs = new("oid-norman", "Norman Norole");
        await using var stranger = await chromium.Browser.NewContextAsync();
        var refused = await stranger.NewPageAsync();
        var response = await refused.GotoAsync(new Uri(bot.BaseAddress, "/sales").ToString());
        Assert.Equal(403, response!.Status);
        await Expect(refused.Locator("h1")).ToHaveTextAsync("Not allowed");
    }

    /// <summary>The webhook panel: each endpoint's deliveries and their state, and Resend on a delivered one.</summary>
    [Fact]
    public async Task The_webhook_panel_shows_deliveries_and_resends_one()
    {
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        using var bot = new KestrelPartnerBot(new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Name"] = "crm",
            ["Webhooks:Endpoints:0:Url"] = receiver.Url,
            ["Webhooks:Endpoints:0:Secret"] = Webhooks.WebhookReceiver.Secret,
            ["Webhooks:Endpoints:0:Events:0"] = "lead.created",
            ["Webhooks:PollSeconds"] = "1",
        });
        var http = new HttpClient { BaseAddress = bot.BaseAddress };
        await ExpertRequestAsync(http, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await receiver.WaitForAsync("lead.created");
        // The receiver has answered before the app records it; the page reads the record once.
        await Eventually.WaitUntilAsync(async () => (await bot.Store.Webhooks.RecentAsync("crm", 10, default)).All(d => d.DeliveredAt is not null), "the outbox records the delivery");
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(bot.BaseAddress, "/sales").ToString());
        var panel = page.Locator("#webhooks");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Webhooks" })).ToBeVisibleAsync();
        await Expect(panel.Locator(".health")).ToHaveTextAsync("Delivering");
        await Expect(panel.Locator("table.deliveries tbody tr")).ToHaveCountAsync(1);
        await Expect(panel.Locator("table.deliveries tbody tr td").Nth(2)).ToHaveTextAsync("delivered");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Resend" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Queued" })).ToBeVisibleAsync();
        await receiver.WaitForAsync("lead.created", count: 2);
        Assert.Single(receiver.Delivered.Select(r => r.Id).Distinct());
    }

    [Fact]
    public async Task A_disabled_endpoint_is_shown_as_such_and_enabling_it_sends_what_it_held()
    {
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        for (var i = 0; i < 100; i++) receiver.Fail(503);
        using var bot = new KestrelPartnerBot(new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Name"] = "crm",
            ["Webhooks:Endpoints:0:Url"] = receiver.Url,
            ["Webhooks:Endpoints:0:Secret"] = Webhooks.WebhookReceiver.Secret,
            ["Webhooks:Endpoints:0:Events:0"] = "lead.created",
            ["Webhooks:PollSeconds"] = "1",
            ["Webhooks:RetrySeconds"] = "1",
            ["Webhooks:DisableAfterHours"] = "0.0003",
        });
        var http = new HttpClient { BaseAddress = bot.BaseAddress };
        await ExpertRequestAsync(http, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        await Eventually.WaitUntilAsync(async () => (await bot.Store.Webhooks.EndpointStatesAsync(default)).Any(s => s.Disabled), "the endpoint is disabled");
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(bot.BaseAddress, "/sales").ToString());
        var panel = page.Locator("#webhooks");
        await Expect(panel.Locator(".health")).ToContainTextAsync("Disabled: deliveries held since");
        receiver.Recover();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Enable again" }).ClickAsync();
        await receiver.WaitForAsync("lead.created");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Enable again" })).ToHaveCountAsync(0);
        await Eventually.WaitUntilAsync(async () => (await bot.Store.Webhooks.RecentAsync("crm", 10, default)).All(d => d.DeliveredAt is not null), "the outbox records the delivery");
        await page.ReloadAsync();
        await Expect(panel.Locator(".health")).ToHaveTextAsync("Delivering");
    }

    private static async Task<TestChat> ExpertRequestAsync(HttpClient http, string name, string email, string company)
    {
        var chat = new TestChat(http, "conv-" + Guid.NewGuid().ToString("N")[..12], "emulator", "user-" + Guid.NewGuid().ToString("N")[..8], name, null, null);
        await Advisor.AssessmentWalk.AnswerAsync(chat, Advisor.AdvisorPersonas.Scripts[0].Answers);
        await chat.SendAsync("talk to an expert");
        (await chat.SubmitAsync(new { contactForm = true, name, email, company, phone = "", message = "Class IIa inhaler", contactTime = "morning" })).Expect("Thank you, " + name);
        return chat;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(new OfficialCardChecker().RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
