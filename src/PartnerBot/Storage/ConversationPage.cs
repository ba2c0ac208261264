namespace PartnerBot.Storage;

public sealed record ConversationPage(IReadOnlyList<ConversationRecord> Records, string? ContinuationToken);
