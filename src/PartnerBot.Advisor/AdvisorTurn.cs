using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Advisor;

/// <summary>
/// What the advisor's dialogs held when the turn ended, for whoever acts on the turn after the bot (the transcript
/// and the sales record, an invoke's card). The dialogs set it as they run; <see cref="Of"/> is the one way to reach it.
/// </summary>
public sealed class AdvisorTurn
{
    /// <summary>The session after the recommendation (the advisor dialog's values), when that dialog ran.</summary>
    public AdvisorState? Session { get; set; }

    /// <summary>The answers as the innermost dialog holding them left them: the assessment under way, or an answer being changed.</summary>
    public Assessment? Assessment { get; set; }

    /// <summary>The answers sales should see: those of the innermost dialog, else the session's.</summary>
    public Assessment? Answers => Assessment ?? Session?.Assessment;

    public static AdvisorTurn Of(TurnContext turn)
    {
        if (turn.State.Get<AdvisorTurn>() is { } existing) return existing;
        var created = new AdvisorTurn();
        turn.State.Set(created);
        return created;
    }
}
