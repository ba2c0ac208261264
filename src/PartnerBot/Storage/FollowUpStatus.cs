namespace PartnerBot.Storage;

public enum FollowUpStatus
{
    New,
    Contacted,
    Qualified,
    Closed,
}
