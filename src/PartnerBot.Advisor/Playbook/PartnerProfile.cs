using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>What the rules know about the partner itself: where its teams are, so a proximity tip is only given when it is true.</summary>
public sealed record PartnerProfile(IReadOnlyList<Region> Regions)
{
    /// <summary>Unknown location: no tip about distance at all.</summary>
    public static readonly PartnerProfile Unknown = new([]);
}
