namespace PartnerBot.Storage;

/// <summary>
/// One record per prospect conversation for sales. The bot and sales own different fields, so a turn and a
/// salesperson updating the same record at once cannot overwrite each other.
/// </summary>
public interface IConversationRecords
{
    Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The record as a turn starts, for the turn to update and hand back to <see cref="SaveFromTurnAsync"/>. A store may
    /// serve it from what this process last saved, once it has checked that the row has not changed since; the copy is
    /// the turn's to read, never to change.
    /// </summary>
    Task<ConversationRecord?> GetForTurnAsync(string id, CancellationToken cancellationToken) => GetAsync(id, cancellationToken);

    /// <summary>Creates or updates the bot-owned fields; never touches <see cref="ConversationRecord.FollowUp"/>.</summary>
    Task SaveFromTurnAsync(ConversationRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Sales' update: <paramref name="change"/> is applied to the stored follow-up and saved with the next version,
    /// unless <paramref name="expectedVersion"/> is given and is not the stored version (someone saved first).
    /// <paramref name="change"/> may run more than once (when a turn saved the record meanwhile); returning the
    /// follow-up unchanged writes nothing.
    /// </summary>
    Task<FollowUpResult> UpdateFollowUpAsync(string id, Func<FollowUp, FollowUp> change, long? expectedVersion, CancellationToken cancellationToken);

    Task<ConversationPage> QueryAsync(ConversationQuery query, CancellationToken cancellationToken);
}
