namespace PartnerBot.Advisor.Playbook;

public enum EngagementModel
{
    /// <summary>A manufacturing partner for a design that is complete.</summary>
    Cmo,

    /// <summary>A development and manufacturing partner from early on.</summary>
    Cdmo,

    /// <summary>Development-side help to close the gaps, then a hand-over to (contract) manufacturing.</summary>
    CdmoThenCmo,
}
