namespace PartnerBot.Storage;

/// <summary>How much one purge deleted, by kind.</summary>
public sealed record RetentionReport(
    int Conversations,
    int TranscriptEntries,
    int DialogStates,
    int DirectLineConversations,
    int LedgerEntries)
{
    public static RetentionReport None { get; } = new(0, 0, 0, 0, 0);

    public int Total => Conversations + TranscriptEntries + DialogStates + DirectLineConversations + LedgerEntries;

    public RetentionReport Add(RetentionReport other) => new(
        Conversations + other.Conversations,
        TranscriptEntries + other.TranscriptEntries,
        DialogStates + other.DialogStates,
        DirectLineConversations + other.DirectLineConversations,
        LedgerEntries + other.LedgerEntries);
}
