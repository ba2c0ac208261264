namespace PartnerBot.BotFramework.Builder;

public enum TurnClaimStatus
{
    /// <summary>This caller processes the activity.</summary>
    Claimed,

    /// <summary>Already processed; <see cref="TurnClaim.ResponseBody"/> holds what was answered.</summary>
    Completed,

    /// <summary>Another instance is processing it right now.</summary>
    InProgress,
}

public sealed record TurnClaim(TurnClaimStatus Status, string? ResponseBody = null);
