namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// One atomic write at the end of (part of) a turn: the dialog state, if it changed, and the turn record; with the
/// turn's final result, also the writes of other stores that end the turn (<see cref="ITurnWrite"/>).
/// </summary>
public sealed record TurnCommit(string ConversationId, string ActivityId, StateWrite? State, TurnRecord Record)
{
    public IReadOnlyList<ITurnWrite> With { get; init; } = [];
}
