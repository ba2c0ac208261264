using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>Decides the engagement model when <see cref="When"/> holds; the first matching rule wins.</summary>
public sealed record ModelRule(string Id, Func<Assessment, bool> When, EngagementModel Model, Confidence Confidence, string Explanation, params string[] Cites);

/// <summary>Adds a risk to the recommendation when <see cref="When"/> holds.</summary>
public sealed record RiskRule(string Id, Func<Assessment, bool> When, string Title, string Detail, params string[] Cites);

/// <summary>Adds a service (in <see cref="Phase"/>) when <see cref="When"/> holds.</summary>
public sealed record ServiceRule(string Id, Func<Assessment, bool> When, string Service, LifecyclePhase Phase, params string[] Cites);

/// <summary>Adds a partnership tip when <see cref="When"/> holds. Tips never change the model.</summary>
public sealed record TipRule(string Id, Func<Assessment, bool> When, string Tip, params string[] Cites);
