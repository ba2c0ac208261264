using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Storage;

/// <summary>
/// One logged activity. <see cref="Subject"/> is whose dialog it belongs to (the conversation, or one user in a
/// shared Teams conversation); <see cref="Sequence"/> is assigned by the store and orders the transcript.
/// </summary>
public sealed record TranscriptEntry(
    string ConversationId,
    string Subject,
    TranscriptDirection Direction,
    DateTimeOffset LoggedAt,
    Activity Activity,
    long Sequence = 0);

public enum TranscriptDirection
{
    Inbound,
    Outbound,
}
