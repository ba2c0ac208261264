namespace PartnerBot.Storage;

/// <summary>What a follow-up update did; <see cref="Record"/> is the record as stored now (fresh data on a conflict).</summary>
public sealed record FollowUpResult(FollowUpOutcome Outcome, ConversationRecord? Record)
{
    public static FollowUpResult NotFound { get; } = new(FollowUpOutcome.NotFound, null);
}

public enum FollowUpOutcome
{
    Updated,

    /// <summary>The record changed since the version the caller edited (someone else saved first); nothing was written.</summary>
    Conflict,

    NotFound,
}
