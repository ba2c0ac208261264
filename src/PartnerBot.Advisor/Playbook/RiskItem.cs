namespace PartnerBot.Advisor.Playbook;

/// <param name="Answers">The answers behind the risk, joined for display (empty when none).</param>
public sealed record RiskItem(string Title, string Detail, string Answers);
