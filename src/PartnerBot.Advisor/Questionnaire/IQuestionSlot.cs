using PartnerBot.BotFramework.Dialogs;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// One answer of the <see cref="Assessment"/> together with its question: whether it applies, how to ask it,
/// how to store what the prompt returned, and how to show it. Used to change an answer and to explain
/// the recommendation.
/// </summary>
public interface IQuestionSlot
{
    string Id { get; }

    /// <summary>A short name for the answer ("Design maturity").</summary>
    string Label { get; }

    /// <summary>The prompt that asks it.</summary>
    string DialogId { get; }

    bool AppliesTo(Assessment assessment);

    bool IsAnswered(Assessment assessment);

    /// <summary>The answer as the prospect saw it, or null when not answered.</summary>
    string? Describe(Assessment assessment);

    void Clear(Assessment assessment);

    /// <summary>Stores what <see cref="DialogId"/> returned.</summary>
    void Apply(Assessment assessment, object result);

    PromptOptions CreatePromptOptions(string? progress);
}
