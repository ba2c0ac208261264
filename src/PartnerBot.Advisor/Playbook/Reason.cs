namespace PartnerBot.Advisor.Playbook;

/// <summary>One conclusion of the playbook and the answers that led to it.</summary>
public sealed record Reason(string Rule, string Explanation, IReadOnlyList<string> Answers);
