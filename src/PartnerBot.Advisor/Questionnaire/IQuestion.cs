using PartnerBot.BotFramework.Dialogs;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// One question of the questionnaire with everything about it: its wording, when it applies, how it is asked
/// and how its answer is stored in the <see cref="Assessment"/> and shown back. The dialogs (asking in order,
/// progress, back, change an answer) and the recommendation's explanations all work from this.
/// </summary>
public interface IQuestion
{
    QuestionId Id { get; }

    /// <summary>A short name for the answer ("Design maturity").</summary>
    string Label { get; }

    Numbering Numbering { get; }

    /// <summary>The prompt that asks it (see AdvisorDialogIds).</summary>
    string PromptDialogId { get; }

    bool AppliesTo(Assessment assessment);

    bool IsAnswered(Assessment assessment);

    /// <summary>The answer as the prospect saw it, or null when not answered.</summary>
    string? Describe(Assessment assessment);

    void Clear(Assessment assessment);

    /// <summary>Stores what the prompt returned.</summary>
    void Apply(Assessment assessment, object result);

    /// <param name="assessment">The answers so far: some questions read differently for a device already on the market.</param>
    PromptOptions CreatePromptOptions(Assessment assessment, string? progress);
}
