namespace PartnerBot.Storage;

/// <summary>
/// One record per prospect conversation for sales. The bot and sales own different fields, so a turn and a
/// salesperson updating the same record at once cannot overwrite each other.
/// </summary>
public interface IConversationRecords
{
    Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates or updates the bot-owned fields; never touches follow-up status or notes once set.</summary>
    Task SaveFromTurnAsync(ConversationRecord record, CancellationToken cancellationToken);

    /// <summary>Sales' update. Returns false when the record does not exist.</summary>
    Task<bool> UpdateFollowUpAsync(string id, FollowUpStatus status, string? notes, CancellationToken cancellationToken);

    Task<ConversationPage> QueryAsync(ConversationQuery query, CancellationToken cancellationToken);
}
