namespace PartnerBot.Advisor.Playbook;

/// <summary>
/// One conclusion of the playbook (a service, a risk, a reason or a tip), the rule that drew it and the answers
/// that led to it, in the prospect's words. Stored with the recommendation on the conversation record.
/// </summary>
/// <param name="Title">A risk's short title; null for the others.</param>
public sealed record Finding(string Rule, string? Title, string Text, IReadOnlyList<string> Answers)
{
    /// <summary>How the card shows it: the cited answers joined (empty when none).</summary>
    public FindingItem ToItem() => new(Title, Text, string.Join("; ", Answers));
}

/// <summary>A finding as the recommendation card binds it.</summary>
public sealed record FindingItem(string? Title, string Text, string Answers);
