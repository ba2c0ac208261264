namespace PartnerBot.Advisor.Playbook;

/// <summary>What the advisor recommends, and why. Stored on the conversation record for sales.</summary>
public sealed record Recommendation(
    EngagementModel Model,
    Confidence Confidence,
    string Headline,
    string Summary,
    LifecyclePhase StartingPhase,
    IReadOnlyList<LifecyclePhase> PhasesInScope,
    IReadOnlyList<Finding> Services,
    IReadOnlyList<Finding> Risks,
    IReadOnlyList<Finding> Reasons,
    IReadOnlyList<Finding> Tips,
    IReadOnlyList<string> NextSteps);
