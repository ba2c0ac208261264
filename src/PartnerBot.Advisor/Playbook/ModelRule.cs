using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>Decides the engagement model when <see cref="When"/> fires; the first rule that fires wins.</summary>
public sealed record ModelRule(string Id, Func<Assessment, Evidence?> When, EngagementModel Model, Confidence Confidence, string Explanation);
