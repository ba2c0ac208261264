using System.Text.Json.Nodes;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>
/// The official Direct Line client (npm botframework-directlinejs, as used inside Web Chat) against PartnerBot on
/// Kestrel: start, post, receive, reconnect with a watermark, token refresh, and a 403 for another conversation,
/// over WebSocket and over polling. The script (tests/js/directline-protocol.mjs) reports every check it made.
/// Run twice: with the default page size, and with pages of two activities, so that the backlog of a reconnect
/// and of a poll from an old watermark arrives over several pages and the client continues from each watermark.
/// </summary>
[Collection(Browser.BrowserCollection.Name)]
public sealed class DirectLineJsClientTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("2")]
    public async Task The_official_client_works_unchanged_against_the_embedded_direct_line(string? pageActivities)
    {
        using var bot = new KestrelPartnerBot(pageActivities is null ? null : new Dictionary<string, string?> { ["DirectLine:PageActivities"] = pageActivities });
        var node = new OfficialCardChecker();
        await node.EnsureInstalledAsync();

        var (exitCode, output, error) = await node.RunAsync("node", $"directline-protocol.mjs {bot.BaseAddress.ToString().TrimEnd('/')}", null,
            new Dictionary<string, string> { ["DIRECTLINE_TEST_WAIT_MS"] = "45000" });

        var report = JsonNode.Parse(output.Trim().Split('\n').Last())!.AsObject();
        var failed = report
            .SelectMany(scenario => scenario.Value!["checks"]!.AsObject().Where(check => check.Value!.GetValue<bool>() == false).Select(check => $"{scenario.Key}.{check.Key}"))
            .ToList();
        // A failure must explain itself: the failing scenarios' details (statuses, requests, activities) go in the message.
        var failing = report.Where(scenario => scenario.Value!["ok"]?.GetValue<bool>() == false).Select(scenario => $"{scenario.Key}: {scenario.Value!["details"]?.ToJsonString()}");
        Assert.True(failed.Count == 0, "Failed checks: " + string.Join(", ", failed) + "\n" + string.Join("\n", failing) + "\n" + error);
        Assert.Equal(0, exitCode);
        foreach (var scenario in new[] { "webSocket", "polling", "crossConversation", "refresh" }) Assert.True(report[scenario]!["ok"]!.GetValue<bool>(), scenario);
        Assert.True(report["webSocket"]!["checks"]!.AsObject().Count >= 20);
    }
}
