using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Storage;

/// <summary>The bot's replies of a turn, for the transcript, written with the turn's result.</summary>
public sealed record TranscriptAppend(IReadOnlyList<TranscriptEntry> Entries) : ITurnWrite;

/// <summary>The conversation record as the turn left it, written with the turn's result.</summary>
public sealed record RecordSave(ConversationRecord Record) : ITurnWrite;
