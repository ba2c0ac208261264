namespace PartnerBot.Advisor.Playbook;

/// <summary>A recommended service and the answers that call for it.</summary>
public sealed record ServiceLine(string Rule, string Name, IReadOnlyList<string> Answers);
