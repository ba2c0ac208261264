namespace PartnerBot.Advisor.Understanding;

/// <summary>What reading an answer may depend on besides the text: today's date, for "in 9 months" or "by mid-2028".</summary>
public sealed record ReadContext(DateOnly Today)
{
    public static ReadContext At(TimeProvider clock) => new(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
