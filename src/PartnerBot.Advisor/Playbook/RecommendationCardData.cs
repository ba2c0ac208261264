namespace PartnerBot.Advisor.Playbook;

/// <summary>The data bound into <c>cards/recommendation.json</c>.</summary>
public sealed record RecommendationCardData(
    string Headline,
    string Summary,
    string Confidence,
    string FallbackText,
    IReadOnlyList<PhaseCell> Phases,
    IReadOnlyList<FindingItem> Services,
    IReadOnlyList<FindingItem> Risks,
    IReadOnlyList<FindingItem> Reasons,
    IReadOnlyList<FindingItem> Tips,
    IReadOnlyList<string> NextSteps,
    bool Teams,
    bool Booking = false);
