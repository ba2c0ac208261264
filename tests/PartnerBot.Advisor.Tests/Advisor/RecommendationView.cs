using System.Text.Json.Nodes;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>Reads the recommendation card the way a prospect sees it: headline, phases, sections.</summary>
public sealed class RecommendationView(JsonNode card)
{
    public JsonNode Card { get; } = card;

    public static RecommendationView From(Replies replies)
    {
        var card = replies.Activities
            .SelectMany(a => a.Attachments ?? [])
            .Select(a => a.Content)
            .LastOrDefault(c => c?["body"]?[0]?["text"]?.GetValue<string>() == "Recommendation");
        Assert.True(card is not null, $"Expected a recommendation card, the bot said:\n{replies.AllText}");
        return new RecommendationView(card!);
    }

    public string Headline => Card["body"]![1]!["text"]!.GetValue<string>();

    /// <summary>The four lifecycle rows (containers with ids phase-PD … phase-CM).</summary>
    public IReadOnlyList<JsonNode> Phases =>
        Card["body"]!.AsArray().Where(e => e!["id"]?.GetValue<string>().StartsWith("phase-", StringComparison.Ordinal) == true).Select(e => e!).ToList();

    public string StartPhase => Phases.Single(p => p.ToJsonString().Contains("Start here"))["id"]!.GetValue<string>()["phase-".Length..];

    public IReadOnlyList<string> PhasesInScope => Phases.Where(p => p["style"]!.GetValue<string>() == "accent").Select(p => p["id"]!.GetValue<string>()["phase-".Length..]).ToList();

    public IReadOnlyList<string> Section(string title) =>
        Card["body"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "Container" && e["items"]?[0]?["text"]?.GetValue<string>() == title)
            .SelectMany(e => e!["items"]!.AsArray().Skip(1))
            .Select(i => i!.ToJsonString())
            .ToList();

    public IReadOnlyList<string> ActionTitles => Card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
}
