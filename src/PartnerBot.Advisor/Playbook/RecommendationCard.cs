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
    /// <param name="booking">A "book a call" button, when a calendar or a booking page is set up.</param>
    public static Activity ToActivity(Recommendation recommendation, CardLibrary cards, bool teams, bool booking = false)
    {
        var text = ToText(recommendation);
        var activity = Activity.CreateMessage("Here is my recommendation.");
        activity.Summary = $"Recommendation: {recommendation.Headline}";
        var card = cards.Render(CardName, ToCardData(recommendation, text, teams, booking));
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

    public static System.Text.Json.Nodes.JsonNode Render(Recommendation recommendation, CardLibrary cards, bool teams, bool booking = false) =>
        cards.Render(CardName, ToCardData(recommendation, ToText(recommendation), teams, booking));

    /// <summary>Said beside the confidence, the first time a prospect meets the word.</summary>
    public const string ConfidenceMeaning = "how firmly your answers point to this recommendation; \"not sure\" answers lower it";

    public static RecommendationCardData ToCardData(Recommendation r, string fallbackText, bool teams, bool booking = false) => new(
        r.Headline,
        r.Summary,
        $"Confidence: {AdvisorPlaybook.Describe(r.Confidence)} ({ConfidenceMeaning})",
        fallbackText,
        Enum.GetValues<LifecyclePhase>().Select(phase =>
        {
            var inScope = r.PhasesInScope.Contains(phase);
            return new PhaseCell(AdvisorPlaybook.Phases[phase].Code, AdvisorPlaybook.Phases[phase].Name, inScope, phase == r.StartingPhase,
                inScope ? "accent" : "default", inScope ? "Accent" : "Default");
        }).ToList(),
        r.Services.Select(f => f.ToItem()).ToList(),
        r.Risks.Select(f => f.ToItem()).ToList(),
        r.Reasons.Select(f => f.ToItem()).ToList(),
        r.Tips.Select(f => f.ToItem()).ToList(),
        // "Step 1:" rather than "1.": Web Chat renders each "N." line as a new list that starts at 1.
        r.NextSteps.Select((step, i) => $"Step {i + 1}: {step}").ToList(),
        teams,
        booking);

    /// <summary>The whole recommendation as text, for clients that show no cards and for the transcript.</summary>
    public static string ToText(Recommendation r)
    {
        var lines = new List<string>
        {
            $"Recommendation: {r.Headline} (confidence: {AdvisorPlaybook.Describe(r.Confidence)}, {ConfidenceMeaning})",
            r.Summary,
            "Lifecycle: " + string.Join(" > ", r.PhasesInScope.Select(p => p == r.StartingPhase ? $"[{AdvisorPlaybook.Phases[p].Code}]" : AdvisorPlaybook.Phases[p].Code)) + " (start in brackets)",
        };
        lines.AddRange(r.Services.Select(service => "Service: " + service.Text + Based(service.Answers)));
        lines.AddRange(r.Risks.Select(risk => $"Risk: {risk.Title}. {risk.Text}" + Based(risk.Answers)));
        lines.AddRange(r.Reasons.Select(reason => "Why: " + reason.Text + Based(reason.Answers)));
        lines.AddRange(r.Tips.Select(tip => "Tip: " + tip.Text + Based(tip.Answers)));
        lines.AddRange(r.NextSteps.Select((step, i) => $"Next {i + 1}: {step}"));
        return string.Join("\n", lines);

        static string Based(IReadOnlyList<string> answers) => answers.Count > 0 ? $" (based on: {string.Join("; ", answers)})" : string.Empty;
    }
}
