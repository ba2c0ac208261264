namespace PartnerBot.BotFramework.Builder;

/// <summary>One atomic write at the end of (part of) a turn: the dialog state, if it changed, and the turn record.</summary>
public sealed record TurnCommit(string ConversationId, string ActivityId, StateWrite? State, TurnRecord Record);
