using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Playbook;

/// <summary>Fills <c>cards/recommendation.json</c> and writes the plain-text version that goes with it.</summary>
public static class RecommendationCard
{
    public const string CardName = "recommendation";

    /// <summary>Teams refuses messages over 100 KB; staying under 80 KB leaves room for the envelope.</summary>
    public const int MaxCardBytes = 80 * 1024;

    /// <param name="teams">Teams gets Action.Execute for "change an answer" (the card refreshes in place); others Action.Submit.</param>
    public static Activity ToActivity(Recommendation recommendation, CardLibrary cards, bool teams)
    {
        var text = ToText(recommendation);
        var activity = Activity.CreateMessage("Here is my recommendation.");
        activity.Summary = $"Recommendation: {recommendation.Headline}";
        var card = cards.Render(CardName, ToCardData(recommendation, text, teams));
        if (System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) <= MaxCardBytes)
        {
            activity.Attachments = [Attachment.AdaptiveCard(card)];
        }
        else
        {
            // Too big for a card (very long answers): the text version carries everything.
            activity.Text = text;
        }
        return activity;
    }

    public static System.Text.Json.Nodes.JsonNode Render(Recommendation recommendation, CardLibrary cards, bool teams) =>
        cards.Render(CardName, ToCardData(recommendation, ToText(recommendation), teams));

    public static RecommendationCardData ToCardData(Recommendation r, string fallbackText, bool teams) => new(
        r.Headline,
        r.Summary,
        r.Confidence.ToString(),
        fallbackText,
        Enum.GetValues<LifecyclePhase>().Select(phase =>
        {
            var inScope = r.PhasesInScope.Contains(phase);
            return new PhaseCell(AdvisorPlaybook.Phases[phase].Code, AdvisorPlaybook.Phases[phase].Name, inScope, phase == r.StartingPhase,
                inScope ? "accent" : "default", inScope ? "Accent" : "Default");
        }).ToList(),
        r.Services,
        r.Risks.Select(risk => new RiskItem(risk.Title, risk.Detail)).ToList(),
        r.Reasons.Select(reason => new ReasonItem(reason.Explanation, string.Join("; ", reason.Answers))).ToList(),
        r.Tips,
        r.NextSteps,
        teams);

    /// <summary>The whole recommendation as text, for clients that show no cards and for the transcript.</summary>
    public static string ToText(Recommendation r)
    {
        var lines = new List<string>
        {
            $"Recommendation: {r.Headline} (confidence: {r.Confidence.ToString().ToLowerInvariant()})",
            r.Summary,
            "Lifecycle: " + string.Join(" > ", r.PhasesInScope.Select(p => p == r.StartingPhase ? $"[{AdvisorPlaybook.Phases[p].Code}]" : AdvisorPlaybook.Phases[p].Code)) + " (start in brackets)",
        };
        if (r.Services.Count > 0) lines.Add("Services: " + string.Join("; ", r.Services));
        lines.AddRange(r.Risks.Select(risk => $"Risk: {risk.Title}. {risk.Detail}"));
        lines.AddRange(r.Reasons.Select(reason => "Why: " + reason.Explanation + (reason.Answers.Count > 0 ? $" ({string.Join("; ", reason.Answers)})" : string.Empty)));
        lines.AddRange(r.Tips.Select(tip => "Tip: " + tip));
        lines.AddRange(r.NextSteps.Select((step, i) => $"Next {i + 1}: {step}"));
        return string.Join("\n", lines);
    }
}

public sealed record RecommendationCardData(
    string Headline,
    string Summary,
    string Confidence,
    string FallbackText,
    IReadOnlyList<PhaseCell> Phases,
    IReadOnlyList<string> Services,
    IReadOnlyList<RiskItem> Risks,
    IReadOnlyList<ReasonItem> Reasons,
    IReadOnlyList<string> Tips,
    IReadOnlyList<string> NextSteps,
    bool Teams);

public sealed record PhaseCell(string Code, string Name, bool InScope, bool IsStart, string Style, string Color);

public sealed record RiskItem(string Title, string Detail);

public sealed record ReasonItem(string Explanation, string Answers);
