namespace PartnerBot.Advisor.Playbook;

public enum EngagementModel
{
    /// <summary>A manufacturing partner for a design that is complete.</summary>
    Cmo,

    /// <summary>A development and manufacturing partner from early on.</summary>
    Cdmo,

    /// <summary>Development-side help to close the gaps, then a hand-over to (contract) manufacturing.</summary>
    CdmoThenCmo,
}

public enum LifecyclePhase
{
    /// <summary>PD: requirements, feasibility, system architecture.</summary>
    ProductDefinition,

    /// <summary>DD: industrial design, engineering, prototyping, DFM/DFA, verification.</summary>
    DesignAndDevelopment,

    /// <summary>DT: industrialization, manufacturing documentation, process validation.</summary>
    DesignTransfer,

    /// <summary>CM: certified (ISO 13485) production.</summary>
    ContractManufacturing,
}

public enum Confidence { High, Medium, Low }

/// <summary>One conclusion of the playbook and the answers that led to it.</summary>
public sealed record Reason(string Rule, string Explanation, IReadOnlyList<string> Answers);

public sealed record Risk(string Rule, string Title, string Detail, IReadOnlyList<string> Answers);

/// <summary>What the advisor recommends, and why. Stored on the conversation record for sales.</summary>
public sealed record Recommendation(
    EngagementModel Model,
    Confidence Confidence,
    string Headline,
    string Summary,
    LifecyclePhase StartingPhase,
    IReadOnlyList<LifecyclePhase> PhasesInScope,
    IReadOnlyList<string> Services,
    IReadOnlyList<Risk> Risks,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<string> Tips,
    IReadOnlyList<string> NextSteps);
