using PartnerBot.Advisor.Dialogs;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>The in-house capabilities: several may apply, "none of these" is an empty list.</summary>
public sealed class CapabilitiesSlot : IQuestionSlot
{
    private static Question<Capability> Question => AssessmentQuestions.Capabilities;

    public string Id => Question.Id;
    public string Label => "In-house capabilities";
    public string DialogId => AdvisorDialogIds.MultiChoice;

    public bool AppliesTo(Assessment assessment) => Question.AppliesTo(assessment);
    public bool IsAnswered(Assessment assessment) => assessment.Capabilities is not null;

    public string? Describe(Assessment assessment) => assessment.Capabilities switch
    {
        null => null,
        [] => Question.TitleOf(Capability.None),
        var list => string.Join(", ", list.Select(Question.TitleOf)),
    };

    public void Clear(Assessment assessment) => assessment.Capabilities = null;

    public void Apply(Assessment assessment, object result) =>
        assessment.Capabilities = ((IReadOnlyList<FoundChoice>)result).Select(Question.ValueOf).Where(c => c != Capability.None).ToList();

    public PromptOptions CreatePromptOptions(string? progress) => Question.ToPromptOptions(progress);
}
