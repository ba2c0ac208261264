using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>One assessment question: its wording, help, options and when it applies.</summary>
public sealed record Question<T>(
    string Id,
    string Text,
    string Help,
    IReadOnlyList<Option<T>> Options,
    Func<Assessment, bool>? AppliesWhen = null)
    where T : struct, Enum
{
    public bool AppliesTo(Assessment assessment) => AppliesWhen?.Invoke(assessment) ?? true;

    public List<Choice> Choices => Options.Select(o => new Choice(o.Value.ToString(), o.Title, o.Synonyms)).ToList();

    public PromptOptions ToPromptOptions(string? progress) => new()
    {
        Prompt = Activity.CreateMessage(Text),
        Choices = Choices,
        Help = Help,
        Progress = progress,
    };

    public T ValueOf(FoundChoice found) => Options[found.Index].Value;

    public string TitleOf(T value) => Options.First(o => EqualityComparer<T>.Default.Equals(o.Value, value)).Title;
}

public sealed record Option<T>(T Value, string Title, params string[] Synonyms);
