namespace PartnerBot.Storage;

/// <summary>Who in sales looked at, exported, changed or erased what, and when. Entries are only ever added.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(int limit, CancellationToken cancellationToken);
}

/// <param name="Target">The record id (or the export's filter); never the prospect's name or e-mail.</param>
public sealed record AuditEntry(DateTimeOffset At, string ActorId, string ActorName, string Action, string Target, string? Detail = null);
