using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>
/// One rule of the playbook: when <see cref="When"/> fires (with the answers it cites), the text the prospect reads.
/// The same shape serves every table: an engagement model (<see cref="Model"/>, <see cref="Confidence"/>), where to
/// start (<see cref="Start"/>), a service, a risk (<see cref="Title"/> and its detail) and a tip (only for the
/// models in <see cref="ForModels"/>, when given). In the model and phase tables the first rule that fires decides.
/// </summary>
public sealed record PlaybookRule(string Id, Func<Assessment, PartnerProfile, Evidence?> When, string Text)
{
    /// <summary>A rule that depends on the prospect's answers alone.</summary>
    public PlaybookRule(string id, Func<Assessment, Evidence?> when, string text)
        : this(id, (a, _) => when(a), text)
    {
    }

    /// <summary>A risk's short title (its <see cref="Text"/> is the detail).</summary>
    public string? Title { get; init; }

    public EngagementModel Model { get; init; }

    public Confidence Confidence { get; init; }

    public LifecyclePhase Start { get; init; }

    /// <summary>For tips: the engagement models the tip is true for; null for all of them.</summary>
    public IReadOnlyList<EngagementModel>? ForModels { get; init; }
}
