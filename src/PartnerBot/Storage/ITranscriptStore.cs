namespace PartnerBot.Storage;

/// <summary>Every inbound and outbound activity of a conversation, in order.</summary>
public interface ITranscriptStore
{
    Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken);

    Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Rewrites a subject's stored entries with <paramref name="redact"/> (a prospect declined consent).</summary>
    Task RedactAsync(string conversationId, string subject, Func<TranscriptEntry, TranscriptEntry> redact, CancellationToken cancellationToken);
}
