namespace PartnerBot.Advisor.Playbook;

/// <summary>The data bound into <c>cards/recommendation.json</c>.</summary>
public sealed record RecommendationCardData(
    string Headline,
    string Summary,
    string Confidence,
    string FallbackText,
    IReadOnlyList<PhaseCell> Phases,
    IReadOnlyList<ServiceItem> Services,
    IReadOnlyList<RiskItem> Risks,
    IReadOnlyList<ReasonItem> Reasons,
    IReadOnlyList<string> Tips,
    IReadOnlyList<string> NextSteps,
    bool Teams);
