using System.Collections.Concurrent;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Understanding;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// Reads something an answer says in its own way (a number, a date, a place, a class) into option values, or
/// null when the answer says nothing of the kind. <paramref name="description"/> is true when the words are a
/// description of the whole project rather than a reply to the question, so the reader may ask for more context.
/// </summary>
public delegate Meaning<T>? AnswerReader<T>(IReadOnlyList<Word> words, ReadContext context, bool description);

/// <summary>A reader's result in option values.</summary>
public sealed record Meaning<T>(ReadingKind Kind, IReadOnlyList<T> Values)
{
    public static Meaning<T> Understood(T value) => new(ReadingKind.Understood, [value]);

    public static Meaning<T> Confirm(params T[] values) => new(ReadingKind.Confirm, values);
}

/// <summary>A question answered by one of its options.</summary>
public sealed class Question<T> : IQuestion where T : struct
{
    // Per language, built on first use in it.
    private readonly ConcurrentDictionary<Language, IReadOnlyList<Choice>> _choices = new();
    private readonly ConcurrentDictionary<Language, (ChoiceMeaning Reply, ChoiceMeaning Description, Lexicon Topic)> _meaning = new();

    private (ChoiceMeaning Reply, ChoiceMeaning Description, Lexicon Topic) Meaning =>
        // Static lambdas with the question as state: looked up many times a turn (the progress count), built once a language.
        _meaning.GetOrAdd(Language.Current, static (language, question) =>
            (question.Build((question.Options ?? []).Select(o => question.Phrases(o, language))), question.Build((question.Options ?? []).Select(o => question.Phrases(o, language).Where(Specific))),
             new Lexicon([language.IsEnglish ? question.Topic : language.Catalog.Topic(question.Name) ?? []])), this);

    public required AnswerSlot<T?> Answer { get; init; }
    public string Name => Answer.Name;
    public required string Label { get; init; }
    public required string Text { get; init; }

    /// <summary>Another wording when the answers so far call for it (null keeps <see cref="Text"/>).</summary>
    public Func<Assessment, string?>? TextFor { get; init; }

    public required string Help { get; init; }
    public required IReadOnlyList<Option<T>> Options { get; init; }

    /// <summary>When the question is asked; null means always.</summary>
    public Func<Assessment, bool>? AppliesWhen { get; init; }

    public Numbering Numbering { get; init; } = Numbering.Main;

    /// <summary>Readers for what synonyms cannot list (numbers, dates, places, classes); they run before the synonyms.</summary>
    public IReadOnlyList<AnswerReader<T>> Readers { get; init; } = [];

    /// <summary>What a negated option means instead: "not certified" is "No".</summary>
    public IReadOnlyList<(T Negated, T Means)> Opposites { get; init; } = [];

    /// <summary>Options that together mean another ("EU" and "US": both).</summary>
    public Func<IReadOnlySet<T>, T?>? Combine { get; init; }

    /// <summary>The options "I think so" and "I don't think so" mean, when the question is a yes/no one.</summary>
    public T? Yes { get; init; }
    public T? No { get; init; }

    public DescriptionRule InDescription { get; init; } = DescriptionRule.Never;

    /// <summary>Words naming the question's subject in a description ("qms", "iso 13485").</summary>
    public IReadOnlyList<string> Topic { get; init; } = [];

    /// <summary>How many words either side of the subject a description is read in; null reads its whole clause.</summary>
    public int? TopicReach { get; init; }

    /// <summary>True when the readers understand the option titles themselves ("Class IIa"), so the synonyms leave them out.</summary>
    public bool ReadersReadTitles { get; init; }

    public bool MultiSelect => false;

    /// <summary>The options in the turn's language. A yes/no option's value is "yes" or "no", as the confirm buttons of earlier versions sent it.</summary>
    public IReadOnlyList<Choice> Choices => _choices.GetOrAdd(Language.Current, static (language, question) => OptionWords.Choices(question.Name, question.Options ?? [], language), this);

    public bool AppliesTo(Assessment assessment) => AppliesWhen?.Invoke(assessment) ?? true;
    public bool IsAnswered(Assessment assessment) => Answer.Get(assessment) is not null;
    public string? Describe(Assessment assessment) => Answer.Get(assessment) is { } value ? TitleOf(value) : null;
    public string DescribeOptions(IReadOnlyList<int> options) => Texts.Or(options.Select(i => Texts.Say(Options[i].Title)));
    public void Clear(Assessment assessment) => Answer.Set(assessment, null);
    public void Apply(Assessment assessment, IReadOnlyList<int> options) => Answer.Set(assessment, Options[options[0]].Value);

    public Reading Read(string text, ReadContext context)
    {
        // The option's own words, or a declared synonym, typed alone.
        var recognized = ChoiceRecognizer.RecognizeOne(text, Choices);
        if (recognized is { Match: ChoiceMatch.Exact or ChoiceMatch.Synonym }) return Reading.Understood(recognized.Index);

        var words = Words.Of(text);
        var special = ReadSpecial(words, context, description: false);
        if (special is null && recognized is { Match: ChoiceMatch.Number or ChoiceMatch.Ordinal }) return Reading.Understood(recognized.Index);
        var phrases = Meaning.Reply.ReadOne(words);
        // A word typed part-way ("enterp").
        if (phrases.Kind == ReadingKind.NotUnderstood && special is null && Lexicon.Content(words).Count == 1 && recognized is { Match: ChoiceMatch.Partial }) return Reading.Understood(recognized.Index);
        return Merge(special, phrases);
    }

    public Reading ReadDescription(IReadOnlyList<Word> words, ReadContext context)
    {
        switch (InDescription)
        {
            case DescriptionRule.Anywhere:
                return Merge(ReadSpecial(words, context, description: true), Meaning.Description.ReadOne(words, description: true));
            case DescriptionRule.ReadersOnly:
                return ReadSpecial(words, context, description: true) ?? Reading.None;
            case DescriptionRule.AboutTopic:
                var content = Lexicon.Content(words);
                var mentions = Meaning.Topic.Find(words);
                if (mentions.Count == 0) return Reading.None;
                // The words around the subject, in its clause ("no QMS yet", not "…and will use our partner's certified system").
                var about = content.Where((w, i) => mentions.Any(m => w.Clause == content[m.Start].Clause
                    && (TopicReach is not { } reach || i >= m.Start - reach && i <= m.End + reach))).ToList();
                var reading = Meaning.Reply.ReadOne(about, description: true);
                // "no QMS yet": the subject itself negated is the question's "no".
                if (reading.Kind == ReadingKind.NotUnderstood && mentions.All(m => m.Negated) && No is { } no) return Reading.Understood(IndexOf(no));
                return reading;
            default:
                return Reading.None;
        }
    }

    public PromptOptions CreatePromptOptions(Assessment assessment, string? progress) => new()
    {
        Prompt = Activity.CreateMessage(TextFor?.Invoke(assessment) ?? Text),
        Choices = Choices.ToList(),
        Help = Help,
        Progress = progress,
    };

    public string TitleOf(T value) => Options.First(o => EqualityComparer<T>.Default.Equals(o.Value, value)).Title;

    public int IndexOf(T value) => Options.ToList().FindIndex(o => EqualityComparer<T>.Default.Equals(o.Value, value));

    private Reading? ReadSpecial(IReadOnlyList<Word> words, ReadContext context, bool description)
    {
        foreach (var reader in Readers)
        {
            if (reader(words, context, description) is not { } meaning) continue;
            var indexes = meaning.Values.Select(IndexOf).Where(i => i >= 0).Distinct().ToList();
            if (indexes.Count == 0) continue;
            return meaning.Kind == ReadingKind.Understood && indexes.Count == 1 ? Reading.Understood(indexes[0], ChoiceMeaning.IsHedged(words)) : Reading.Confirm(indexes);
        }
        return null;
    }

    /// <summary>A reader's result and the synonyms' agree, or one of them is silent; otherwise the prospect is asked.</summary>
    private static Reading Merge(Reading? special, Reading phrases)
    {
        if (special is null) return phrases;
        if (phrases.Kind == ReadingKind.NotUnderstood) return special;
        if (special.IsUnderstood && phrases.IsUnderstood && special.Options[0] == phrases.Options[0]) return special;
        if (special.IsUnderstood && phrases.Kind == ReadingKind.Confirm && phrases.Options.Contains(special.Options[0])) return special;
        if (phrases.IsUnderstood && special.Kind == ReadingKind.Confirm && special.Options.Contains(phrases.Options[0])) return phrases;
        return Reading.Confirm([.. special.Options, .. phrases.Options]);
    }

    private IEnumerable<string> Phrases(Option<T> option, Language language) => OptionWords.Phrases(Name, option, language, withTitle: !ReadersReadTitles);

    private ChoiceMeaning Build(IEnumerable<IEnumerable<string>> phrases)
    {
        var meaning = new ChoiceMeaning(new Lexicon(phrases.Select(p => p.ToList()).ToList()), Options.Count)
        {
            Combine = Combine is null ? null : set => Combine(set.Select(i => Options[i].Value).ToHashSet()) is { } value ? IndexOf(value) : null,
            Yes = Yes is { } yes ? IndexOf(yes) : null,
            No = No is { } no ? IndexOf(no) : null,
        };
        foreach (var (negated, means) in Opposites) meaning.Opposites[IndexOf(negated)] = IndexOf(means);
        return meaning;
    }

    /// <summary>Words that say something on their own in a description: not "yes", "no", "done" or "partly".</summary>
    private static bool Specific(string phrase)
    {
        var words = Lexicon.Content(Words.Of(phrase.TrimStart('~'))).Select(w => w.Text).ToList();
        return !phrase.StartsWith('~') && words.Count > 0 && !words.All(GenericReplyWords.Contains);
    }

    private static readonly HashSet<string> GenericReplyWords =
        ["yes", "no", "not", "yet", "none", "nothing", "done", "partly", "partially", "some", "somewhat", "mostly", "complete", "we", "do", "did", "have", "one", "sure", "y", "n",
         "ok", "okay", "us", "you", "in", "progress", "working", "on", "draft", "defined", "settled", "missing", "released", "never", "both", "other", "speed", "fast", "cost", "scale", "small", "medium", "risk"];
}
