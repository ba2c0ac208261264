using PartnerBot.Advisor.Dialogs;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>A single-choice answer.</summary>
public sealed class ChoiceSlot<T>(string label, Question<T> question, Func<Assessment, T?> get, Action<Assessment, T?> set) : IQuestionSlot
    where T : struct, Enum
{
    public string Id => question.Id;
    public string Label => label;
    public string DialogId => AdvisorDialogIds.Choice;
    public Question<T> Question => question;

    public bool AppliesTo(Assessment assessment) => question.AppliesTo(assessment);
    public bool IsAnswered(Assessment assessment) => get(assessment) is not null;
    public string? Describe(Assessment assessment) => get(assessment) is { } value ? question.TitleOf(value) : null;
    public void Clear(Assessment assessment) => set(assessment, null);
    public void Apply(Assessment assessment, object result) => set(assessment, question.ValueOf((FoundChoice)result));
    public PromptOptions CreatePromptOptions(string? progress) => question.ToPromptOptions(progress);
}
