using PartnerBot.Advisor.Dialogs;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>A question where several options may apply; <see cref="NoneOfThese"/> stores an empty list.</summary>
public sealed class MultiChoiceQuestion<T> : IQuestion where T : struct, Enum
{
    public required QuestionId Id { get; init; }
    public required string Label { get; init; }
    public required string Text { get; init; }
    public required string Help { get; init; }

    /// <summary>The last option should be <see cref="NoneOfThese"/>; the prompt knows it by its value "None".</summary>
    public required IReadOnlyList<Option<T>> Options { get; init; }

    public required T NoneOfThese { get; init; }
    public required Func<Assessment, List<T>?> Get { get; init; }
    public required Action<Assessment, List<T>?> Set { get; init; }
    public Func<Assessment, bool>? AppliesWhen { get; init; }
    public Numbering Numbering { get; init; } = Numbering.Main;

    public string PromptDialogId => AdvisorDialogIds.MultiChoice;

    public bool AppliesTo(Assessment assessment) => AppliesWhen?.Invoke(assessment) ?? true;
    public bool IsAnswered(Assessment assessment) => Get(assessment) is not null;

    public string? Describe(Assessment assessment) => Get(assessment) switch
    {
        null => null,
        [] => TitleOf(NoneOfThese),
        var list => string.Join(", ", list.Select(TitleOf)),
    };

    public void Clear(Assessment assessment) => Set(assessment, null);

    public void Apply(Assessment assessment, object result) =>
        Set(assessment, ((IReadOnlyList<FoundChoice>)result).Select(f => Options[f.Index].Value).Where(v => !v.Equals(NoneOfThese)).ToList());

    public PromptOptions CreatePromptOptions(Assessment assessment, string? progress) => new()
    {
        Prompt = Activity.CreateMessage(Text),
        Choices = Options.Select(o => new Choice(o.Value.ToString(), o.Title, o.Synonyms)).ToList(),
        Help = Help,
        Progress = progress,
    };

    public string TitleOf(T value) => Options.First(o => o.Value.Equals(value)).Title;
}
