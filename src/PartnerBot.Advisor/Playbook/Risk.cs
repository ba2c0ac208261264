namespace PartnerBot.Advisor.Playbook;

/// <summary>A risk the answers reveal, and the answers that reveal it.</summary>
public sealed record Risk(string Rule, string Title, string Detail, IReadOnlyList<string> Answers);
