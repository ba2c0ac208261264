using PartnerBot.Advisor.Understanding;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// One question of the questionnaire with everything about it: its wording, when it applies, how a typed
/// answer is read, and how its answer is stored in the <see cref="Assessment"/> and shown back. The question
/// object is its own identity: rules cite it, dialogs ask it, and <see cref="Name"/> (from its answer's
/// property) is what dialog state and the sales record keep.
/// </summary>
public interface IQuestion
{
    string Name { get; }

    /// <summary>A short name for the answer ("Design maturity").</summary>
    string Label { get; }

    Numbering Numbering { get; }

    bool MultiSelect { get; }

    /// <summary>The options as the prompt offers them; a choice's value is its option's name.</summary>
    IReadOnlyList<Choice> Choices { get; }

    bool AppliesTo(Assessment assessment);

    bool IsAnswered(Assessment assessment);

    /// <summary>The answer as the prospect saw it, or null when not answered.</summary>
    string? Describe(Assessment assessment);

    /// <summary>Options by position, as the prospect reads them ("Class IIa or Class IIb").</summary>
    string DescribeOptions(IReadOnlyList<int> options);

    void Clear(Assessment assessment);

    /// <summary>Stores the options (by position) as the answer.</summary>
    void Apply(Assessment assessment, IReadOnlyList<int> options);

    /// <summary>What a typed reply to this question means.</summary>
    Reading Read(string text, ReadContext context);

    /// <summary>What a description of the whole project says about this question; only what it clearly states.</summary>
    Reading ReadDescription(IReadOnlyList<Word> words, ReadContext context);

    /// <param name="assessment">The answers so far: some questions read differently for a device already on the market.</param>
    PromptOptions CreatePromptOptions(Assessment assessment, string? progress);
}
