namespace PartnerBot.Advisor.Playbook;

/// <param name="Answers">The answers that call for the service, joined for display (empty when none).</param>
public sealed record ServiceItem(string Name, string Answers);
