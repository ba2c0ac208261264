using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>Adds a risk to the recommendation when <see cref="When"/> fires.</summary>
public sealed record RiskRule(string Id, Func<Assessment, Evidence?> When, string Title, string Detail);
