using PartnerBot.Advisor.Playbook;
using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor;

/// <summary>The partner's details the advisor mentions to prospects (section <c>Advisor</c>).</summary>
public sealed class AdvisorOptions
{
    public const string Section = "Advisor";

    public string BotName { get; set; } = "PartnerBot";

    public string PartnerName { get; set; } = "our development team";

    /// <summary>
    /// The language ("en", "de" or "fr") of a conversation whose client sends no locale of ours and whose prospect
    /// has not chosen one.
    /// </summary>
    public string Language { get; set; } = "en";

    /// <summary>Linked from the consent question.</summary>
    public string PrivacyUrl { get; set; } = "https://example.com/privacy";

    /// <summary>Where the partner's teams are; a tip about distance or proximity is only given when this is set.</summary>
    public List<Region> PartnerRegions { get; set; } = [];

    public PartnerProfile Partner => new(PartnerRegions);
}
