using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>The activities one turn produced, with the checks conversation scripts need.</summary>
public sealed class Replies(IReadOnlyList<Activity> activities)
{
    public IReadOnlyList<Activity> Activities { get; } = activities;

    public Activity Last => Activities.Count > 0 ? Activities[^1] : throw new Xunit.Sdk.XunitException("The bot sent nothing.");

    /// <summary>All visible text: message text, summaries, card contents and suggested-action buttons.</summary>
    public string AllText => string.Join("\n", Activities.Select(Describe));

    public Replies Expect(string fragment)
    {
        Assert.True(AllText.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"Expected the bot to say \"{fragment}\", but it said:\n{AllText}");
        return this;
    }

    public Replies ExpectNot(string fragment)
    {
        Assert.False(AllText.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"Did not expect \"{fragment}\", but the bot said:\n{AllText}");
        return this;
    }

    public Replies ExpectNothing()
    {
        Assert.True(Activities.Count == 0, $"Expected no reply, got:\n{AllText}");
        return this;
    }

    public IReadOnlyList<string> SuggestedActionTitles => Last.SuggestedActions?.Actions.Select(a => a.Title ?? "").ToList() ?? [];

    public JsonNode? LastCard => Activities.LastOrDefault(a => a.Attachments?.Count > 0)?.Attachments![0].Content;

    private static string Describe(Activity activity)
    {
        var parts = new List<string>();
        if (activity.Text is { } text) parts.Add(text);
        if (activity.Summary is { } summary) parts.Add(summary);
        foreach (var attachment in activity.Attachments ?? []) parts.Add(attachment.Content?.ToJsonString(BotJson.Options) ?? "");
        foreach (var action in activity.SuggestedActions?.Actions ?? []) parts.Add($"[{action.Title}]");
        return string.Join("\n", parts);
    }
}
