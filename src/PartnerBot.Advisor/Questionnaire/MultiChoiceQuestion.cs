using System.Collections.Concurrent;
using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Understanding;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>A question where several options may apply; <see cref="NoneOfThese"/> stores an empty list.</summary>
public sealed class MultiChoiceQuestion<T> : IQuestion where T : struct, Enum
{
    // Per language, built on first use in it.
    private readonly ConcurrentDictionary<Language, IReadOnlyList<Choice>> _choices = new();
    private readonly ConcurrentDictionary<Language, ChoiceMeaning> _meaning = new();

    private ChoiceMeaning Meaning => _meaning.GetOrAdd(Language.Current, static (language, question) =>
        new ChoiceMeaning(new Lexicon((question.Options ?? []).Select(o => OptionWords.Phrases(question.Name, o, language, withTitle: true).ToList()).ToList()), question.Options!.Count), this);

    public required AnswerSlot<List<T>?> Answer { get; init; }
    public string Name => Answer.Name;
    public required string Label { get; init; }
    public required string Text { get; init; }
    public required string Help { get; init; }

    /// <summary>The last option should be <see cref="NoneOfThese"/>; the prompt knows it by its value "None".</summary>
    public required IReadOnlyList<Option<T>> Options { get; init; }

    public required T NoneOfThese { get; init; }
    public Func<Assessment, bool>? AppliesWhen { get; init; }
    public Numbering Numbering { get; init; } = Numbering.Main;

    public bool MultiSelect => true;

    public IReadOnlyList<Choice> Choices => _choices.GetOrAdd(Language.Current, static (language, question) => OptionWords.Choices(question.Name, question.Options ?? [], language), this);

    public bool AppliesTo(Assessment assessment) => AppliesWhen?.Invoke(assessment) ?? true;
    public bool IsAnswered(Assessment assessment) => Answer.Get(assessment) is not null;

    public string? Describe(Assessment assessment) => Answer.Get(assessment) switch
    {
        null => null,
        [] => TitleOf(NoneOfThese),
        var list => string.Join(", ", list.Select(TitleOf)),
    };

    public string DescribeOptions(IReadOnlyList<int> options) =>
        options.Count == 0 ? Texts.Say(TitleOf(NoneOfThese)) : string.Join(options.Count == 2 ? " " + Texts.Say("and") + " " : ", ", options.Select(i => Texts.Say(Options[i].Title)));

    public void Clear(Assessment assessment) => Answer.Set(assessment, null);

    public void Apply(Assessment assessment, IReadOnlyList<int> options) =>
        Answer.Set(assessment, options.Select(i => Options[i].Value).Where(v => !v.Equals(NoneOfThese)).Distinct().ToList());

    public Reading Read(string text, ReadContext context)
    {
        var none = Options.ToList().FindIndex(o => o.Value.Equals(NoneOfThese));
        if (ChoiceRecognizer.RecognizeOne(text, Choices) is { Match: ChoiceMatch.Exact or ChoiceMatch.Synonym } exact) return Reading.Understood([exact.Index]);
        // The sentence's meaning, negations included; then positions and plain lists ("1, 3 and 5"), which have no words to negate.
        var words = Words.Of(text);
        var reading = Meaning.ReadMany(words, none);
        if (reading.Kind != ReadingKind.NotUnderstood) return reading;
        var negated = words.Any(w => Lexicon.Negators.Contains(w.Text) || w.Text == "yet");
        return !negated && ChoiceRecognizer.RecognizeMany(text, Choices, exceptFromAll: MultiChoicePrompt.NoneValue) is { Count: > 0 } list
            ? Reading.Understood(list.Select(f => f.Index).ToList())
            : Reading.None;
    }

    public Reading ReadDescription(IReadOnlyList<Word> words, ReadContext context) => Reading.None;

    public PromptOptions CreatePromptOptions(Assessment assessment, string? progress) => new()
    {
        Prompt = Activity.CreateMessage(Text),
        Choices = Choices.ToList(),
        Help = Help,
        Progress = progress,
    };

    public string TitleOf(T value) => Options.First(o => o.Value.Equals(value)).Title;
}
