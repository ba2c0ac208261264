namespace PartnerBot.Storage;

/// <summary>
/// What the funnel counts: one light row per conversation started in a period, live or erased (an erased
/// conversation leaves an anonymous row, so statistics survive erasure).
/// </summary>
public interface ISalesStatistics
{
    IAsyncEnumerable<FunnelRow> FunnelRowsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>A conversation reduced to what statistics need; nothing in it identifies anyone.</summary>
/// <param name="QuestionsAnswered">How many numbered questions it answered; unknown (null) for an erased one.</param>
/// <param name="LastActivityAt">When the prospect or the bot last said something; unknown (null) for an erased one.</param>
public sealed record FunnelRow(DateTimeOffset StartedAt, string ChannelId, Consent Consent, bool Finished, bool ContactRequested, string? OutcomeModel,
    int? QuestionsAnswered = null, DateTimeOffset? LastActivityAt = null)
{
    public static FunnelRow Of(ConversationRecord record) =>
        new(record.StartedAt, record.ChannelId, record.Consent, record.Finished, record.ContactRequested, record.OutcomeModel, record.QuestionsAnswered, record.LastActivityAt);
}
