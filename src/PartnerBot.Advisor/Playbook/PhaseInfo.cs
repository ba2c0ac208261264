namespace PartnerBot.Advisor.Playbook;

/// <summary>How a lifecycle phase is shown: its two-letter code, its name, and what starting there means.</summary>
public sealed record PhaseInfo(string Code, string Name, string Explanation);
