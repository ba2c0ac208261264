using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>Adds a partnership tip when <see cref="When"/> fires. Tips never change the model.</summary>
public sealed record TipRule(string Id, Func<Assessment, PartnerProfile, Evidence?> When, string Tip)
{
    /// <summary>A tip that depends on the prospect's answers alone.</summary>
    public TipRule(string id, Func<Assessment, Evidence?> when, string tip)
        : this(id, (a, _) => when(a), tip)
    {
    }
}
