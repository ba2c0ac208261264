using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>Answers to every question of one prospect profile, in the order the bot asks them.</summary>
public static class AssessmentWalk
{
    /// <summary>A startup with an EU class IIa concept that wants readiness tips.</summary>
    public static readonly string[] StartupConcept =
    [
        "hi", "yes", "startup", "idea", "EU", "IIa", "not yet", "no", "product engineering, electronics", "time to market",
        "1,000 - 10,000", "in 1-2 years", "europe", "sure", "partly", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "yes",
    ];

    public static async Task<Replies> AnswerAsync(TestChat chat, IEnumerable<string> answers)
    {
        Replies? last = null;
        foreach (var answer in answers) last = await chat.SendAsync(answer);
        return last!;
    }
}
