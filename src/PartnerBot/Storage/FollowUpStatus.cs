namespace PartnerBot.Storage;

/// <summary>Where sales are with a lead: <c>new → contacted → qualified → won | lost | spam</c>.</summary>
public enum FollowUpStatus
{
    New,
    Contacted,
    Qualified,
    Won,
    Lost,
    Spam,
}
