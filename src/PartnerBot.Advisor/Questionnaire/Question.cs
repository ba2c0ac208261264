using PartnerBot.Advisor.Dialogs;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>A question answered by one of its options.</summary>
public sealed class Question<T> : IQuestion where T : struct
{
    public required QuestionId Id { get; init; }
    public required string Label { get; init; }
    public required string Text { get; init; }

    /// <summary>Another wording when the answers so far call for it (null keeps <see cref="Text"/>).</summary>
    public Func<Assessment, string?>? TextFor { get; init; }

    public required string Help { get; init; }
    public required IReadOnlyList<Option<T>> Options { get; init; }

    /// <summary>Where the answer is stored.</summary>
    public required Func<Assessment, T?> Get { get; init; }

    public required Action<Assessment, T?> Set { get; init; }

    /// <summary>When the question is asked; null means always.</summary>
    public Func<Assessment, bool>? AppliesWhen { get; init; }

    public Numbering Numbering { get; init; } = Numbering.Main;

    public string PromptDialogId => AdvisorDialogIds.Choice;

    public bool AppliesTo(Assessment assessment) => AppliesWhen?.Invoke(assessment) ?? true;
    public bool IsAnswered(Assessment assessment) => Get(assessment) is not null;
    public string? Describe(Assessment assessment) => Get(assessment) is { } value ? TitleOf(value) : null;
    public void Clear(Assessment assessment) => Set(assessment, null);
    public void Apply(Assessment assessment, object result) => Set(assessment, Options[((FoundChoice)result).Index].Value);

    public PromptOptions CreatePromptOptions(Assessment assessment, string? progress) => new()
    {
        Prompt = Activity.CreateMessage(TextFor?.Invoke(assessment) ?? Text),
        Choices = Options.Select(o => new Choice(o.Value.ToString()!, o.Title, o.Synonyms)).ToList(),
        Help = Help,
        Progress = progress,
    };

    public string TitleOf(T value) => Options.First(o => EqualityComparer<T>.Default.Equals(o.Value, value)).Title;
}
