namespace PartnerBot.Storage;

/// <summary>
/// "Delete everything about this prospect": the record, its transcript, dialog state, contact details, the turn
/// ledger and the Direct Line log of the conversation (when no one else's record is in it), and the list entry.
/// An anonymous <see cref="FunnelRow"/> stays for statistics. What is deleted must not stay recoverable in the
/// store's files.
/// </summary>
public interface IConversationErasure
{
    /// <summary>False when there is no such record.</summary>
    Task<bool> EraseAsync(string recordId, CancellationToken cancellationToken);
}
