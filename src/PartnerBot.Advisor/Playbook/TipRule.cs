using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>Adds a partnership tip when <see cref="When"/> fires. Tips never change the model.</summary>
public sealed record TipRule(string Id, Func<Assessment, Evidence?> When, string Tip);
