using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>Decides where in the lifecycle to start when <see cref="When"/> fires; the first rule that fires wins. The explanation says why.</summary>
public sealed record PhaseRule(string Id, Func<Assessment, Evidence?> When, LifecyclePhase Start, string Explanation);
