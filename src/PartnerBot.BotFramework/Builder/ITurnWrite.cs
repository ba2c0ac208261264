namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// A write of another store that belongs to the end of a turn (the bot's replies in the transcript, the
/// conversation's record) and is handed to the ledger with the turn's final result (<see cref="TurnCommit.With"/>):
/// a ledger that can puts them in the same transaction as the result, one that cannot writes them itself first.
/// </summary>
public interface ITurnWrite;
