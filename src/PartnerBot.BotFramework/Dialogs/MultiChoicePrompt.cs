using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>
/// Several of a list of choices: ticked on a card, or typed as a list ("1, 3 and 5", "quality and
/// electronics", "all"). A choice whose value is <see cref="NoneValue"/> (any case) stands for "none of these" and
/// cannot be combined with others.
/// </summary>
public sealed class MultiChoicePrompt(string id, CardLibrary cards, PromptValidator<IReadOnlyList<FoundChoice>>? validator = null)
    : Prompt<IReadOnlyList<FoundChoice>>(id, validator)
{
    public const string CardName = "multi-choice-prompt";
    public const string NoneValue = "none";

    protected override Task<PromptRecognition<IReadOnlyList<FoundChoice>>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        var choices = options.Choices ?? [];
        var activity = dc.Turn.Activity;
        IReadOnlyList<FoundChoice>? found;
        if (ChoiceSubmit.ManyValues(CardActionValue.Of(activity)) is { } submitted)
        {
            var matches = submitted.Select(v => (Value: v, Index: choices.FindIndex(c => c.Value == v))).ToList();
            found = matches.Count > 0 && matches.All(m => m.Index >= 0)
                ? matches.Select(m => new FoundChoice(m.Value, m.Index, ChoiceMatch.CardSubmit)).ToList()
                : null;
            if (matches.Count == 0) return Failure("Please tick at least one box, or choose \"None of these\".");
        }
        else
        {
            found = ChoiceRecognizer.RecognizeMany(activity.Text, choices, exceptFromAll: NoneValue);
        }

        if (found is null) return Failure(Expected(choices));
        if (found.Count > 1 && found.Any(f => string.Equals(f.Value, NoneValue, StringComparison.OrdinalIgnoreCase))) return Failure("\"None of these\" can't be combined with other answers.");
        return Task.FromResult(PromptRecognition<IReadOnlyList<FoundChoice>>.Success(found));

        static Task<PromptRecognition<IReadOnlyList<FoundChoice>>> Failure(string problem) =>
            Task.FromResult(PromptRecognition<IReadOnlyList<FoundChoice>>.Failure(problem));
    }

    protected override void Decorate(DialogContext dc, PromptOptions options, Activity activity) =>
        ChoiceRendering.Apply(dc.Turn.Activity, activity, options, cards, CardName);

    protected override string HelpText(PromptOptions options) =>
        (options.Help is null ? string.Empty : options.Help + "\n\n") + Expected(options.Choices ?? []) + "\n\n" + DefaultHelpFooter;

    /// <summary>The re-prompt hint of a multi-select question: how to tick or type the options.</summary>
    public static string Expected(IReadOnlyList<Choice> choices) =>
        "Tick every option that applies, or type them as a list, for example \"1, 3\" or \"" +
        string.Join(" and ", choices.Take(2).Select(c => c.DisplayTitle.ToLowerInvariant())) + "\". Options: " +
        string.Join(", ", choices.Select((c, i) => $"{i + 1}. {c.DisplayTitle}")) + ".";
}
