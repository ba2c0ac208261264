namespace PartnerBot.Advisor.Playbook;

/// <summary>How a lifecycle phase is shown: its two-letter code, its name, and how a sentence refers to it ("starting with design transfer").</summary>
public sealed record PhaseInfo(string Code, string Name, string InSentence);
