namespace PartnerBot.BotFramework.Builder;

/// <summary>What the HTTP endpoint answers for a processed activity: a status and an optional JSON body.</summary>
public sealed record TurnResult(int StatusCode, object? Body)
{
    public static TurnResult Ok { get; } = new(200, null);
}
