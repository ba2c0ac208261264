namespace PartnerBot.Storage;

/// <summary>Filters for the sales list; all optional. Newest first, paged by <see cref="ContinuationToken"/>.</summary>
public sealed record ConversationQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public FollowUpStatus? Status { get; init; }
    public string? OutcomeModel { get; init; }
    public string? ChannelId { get; init; }
    public int PageSize { get; init; } = 50;
    public string? ContinuationToken { get; init; }
}
