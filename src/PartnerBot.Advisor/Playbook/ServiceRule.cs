using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>Offers a service when <see cref="When"/> fires, whatever the starting phase: a gap the answers reveal is never dropped.</summary>
public sealed record ServiceRule(string Id, Func<Assessment, Evidence?> When, string Service);
