using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.Advisor.Understanding;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// Asks one question of the questionnaire and reads the reply by its meaning (see <see cref="IQuestion.Read"/>).
/// A clicked option is taken as it is. A typed reply that is clear is taken, with what was typed kept beside it;
/// one that is not ("not validated yet", "class 2" under the MDR) gets a short "Just to check" with the likely
/// options first, and only a yes, a click or a clear reply stores anything. A reply that describes the project
/// and answers other open questions too ends the prompt with all of them. "Change" on the card of understood
/// answers ends it with a <see cref="CorrectionRequest"/>. Ends with a <see cref="GivenAnswer"/>.
/// </summary>
public sealed class AnswerPrompt(QuestionList questionnaire, CardLibrary cards, TimeProvider clock) : Dialog(AdvisorDialogIds.Answer)
{
    public const string CorrectKey = "correct";

    /// <summary>Begin with the question, and the questions still open that a description may answer.</summary>
    public sealed class Request
    {
        public required string Question { get; init; }
        public required PromptOptions Options { get; init; }
        public List<string> Open { get; init; } = [];
    }

    public sealed class State
    {
        public string Question { get; set; } = string.Empty;
        public PromptOptions Options { get; set; } = new();
        public List<string> Open { get; set; } = [];
        public int FailedAttempts { get; set; }

        /// <summary>The options a "Just to check" offered, most likely first, and the reply that raised it.</summary>
        public List<int>? Pending { get; set; }
        public string? PendingTyped { get; set; }
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var request = options as Request ?? throw new ArgumentException("AnswerPrompt needs a Request.", nameof(options));
        var state = dc.ActiveDialog!.GetState<State>();
        state.Question = request.Question;
        state.Options = request.Options;
        state.Open = request.Open;
        await SendQuestionAsync(dc, state, problem: null, cancellationToken);
        return DialogTurnResult.EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var activity = dc.Turn.Activity;
        if (!CardActionValue.CanAnswerPrompt(activity)) return DialogTurnResult.EndOfTurn;
        var state = dc.ActiveDialog!.GetState<State>();
        var question = questionnaire.Find(state.Question) ?? throw new InvalidOperationException($"The questionnaire has no question '{state.Question}'.");
        var submitted = CardActionValue.Of(activity);

        if (submitted is System.Text.Json.Nodes.JsonObject card && card[CorrectKey] is System.Text.Json.Nodes.JsonValue correct && correct.TryGetValue<string>(out var name)
            && questionnaire.Find(name) is not null)
        {
            return await dc.EndDialogAsync(new CorrectionRequest(name), cancellationToken);
        }
        if (state.Pending is { } checking && question.MultiSelect && ChoiceSubmit.SingleValue(submitted) is ConfirmPrompt.YesValue or ConfirmPrompt.NoValue)
        {
            return await CheckedAsync(dc, question, state, ChoiceSubmit.SingleValue(submitted) == ConfirmPrompt.YesValue, cancellationToken);
        }
        if (Clicked(question, submitted) is { } clicked)
        {
            return clicked.Count == 0
                ? await FailAsync(dc, state, question.MultiSelect && ChoiceSubmit.ManyValues(submitted) is { Count: 0 } ? "Please tick at least one box, or choose \"None of these\"." : "That button belongs to an earlier question.", cancellationToken)
                : await dc.EndDialogAsync(new GivenAnswer(question.Name, clicked, state.Pending is null ? AnswerHow.Clicked : AnswerHow.Confirmed, state.PendingTyped), cancellationToken);
        }

        var text = activity.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return await FailAsync(dc, state, ChoiceRendering.Expected(question.Choices), cancellationToken);
        var context = ReadContext.At(clock);

        if (state.Pending is { } pending && YesOrNo(text) is { } yes && (!yes || pending.Count == 1 || question.MultiSelect))
        {
            return await CheckedAsync(dc, question, state, yes, cancellationToken);
        }

        if (Described(text, question, state, context) is { } described) return await dc.EndDialogAsync(described, cancellationToken);

        var reading = question.Read(text, context);
        switch (reading.Kind)
        {
            case ReadingKind.Understood:
                var how = state.Pending is { } offered && (reading.Options.All(offered.Contains) || question.MultiSelect) ? AnswerHow.Confirmed : AnswerHow.Typed;
                return await dc.EndDialogAsync(new GivenAnswer(question.Name, reading.Options, how, how == AnswerHow.Confirmed ? state.PendingTyped + " / " + text : text, reading.Hedged), cancellationToken);
            case ReadingKind.Confirm:
                state.Pending = reading.Options.ToList();
                state.PendingTyped = text;
                await SendCheckAsync(dc, question, state, cancellationToken);
                return DialogTurnResult.EndOfTurn;
            default:
                return await FailAsync(dc, state, question.MultiSelect ? MultiChoicePrompt.Expected(question.Choices) : ChoiceRendering.Expected(question.Choices), cancellationToken);
        }
    }

    public override Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken) =>
        SendQuestionAsync(dc, instance.GetState<State>(), problem: null, cancellationToken);

    public override string? GetHelp(DialogContext dc, DialogInstance instance)
    {
        var state = instance.GetState<State>();
        var question = questionnaire.Find(state.Question);
        var choices = question?.Choices ?? state.Options.Choices ?? [];
        // Put together in the turn's language: each part is a text of the catalog (the choices are already in it).
        return (state.Options.Help is null ? string.Empty : Texts.Say(state.Options.Help) + "\n\n")
            + (question?.MultiSelect == true ? ActivityTranslator.Text(MultiChoicePrompt.Expected(choices), Language.Current) : ActivityTranslator.Text(ChoiceRendering.Expected(choices), Language.Current))
            + " " + Texts.Say("You can also describe your project in your own words, and I'll take every answer it gives.") + "\n\n" + Texts.Say(Prompt<bool>.DefaultHelpFooter);
    }

    /// <summary>
    /// A reply that answers other open questions too ("a 12-person startup in Munich with a working proof of
    /// concept…"): everything it states clearly, this question included when it does.
    /// </summary>
    private DescribedAnswers? Described(string text, IQuestion question, State state, ReadContext context)
    {
        if (state.Open.Count == 0) return null;
        var words = Words.Of(text);
        if (words.Count < 4) return null;
        // Each clause is read on its own, so that "probably" hedges the class it stands next to, not the whole paragraph;
        // a question two clauses answer differently is left to be asked.
        var clauses = words.GroupBy(w => w.Clause).Select(g => (IReadOnlyList<Word>)g.ToList()).ToList();
        // The question being asked counts too, even when it had an answer (asked again by "back" or "Change").
        var found = state.Open.Append(question.Name).Distinct()
            .Select(questionnaire.Find)
            .OfType<IQuestion>()
            .Select(q => (Question: q, Readings: clauses.Select(c => q.ReadDescription(c, context)).Where(r => r.IsUnderstood).ToList()))
            .Where(f => f.Readings.Count > 0 && f.Readings.Select(r => string.Join(",", r.Options)).Distinct().Count() == 1)
            .Select(f => (f.Question, Reading: f.Readings[0] with { Hedged = f.Readings.Any(r => r.Hedged) }))
            .ToList();
        var others = found.Count(f => f.Question.Name != question.Name);
        if (found.Count < 2 || others == 0) return null;
        return new DescribedAnswers(found.Select(f => new GivenAnswer(f.Question.Name, f.Reading.Options, AnswerHow.Described, text, f.Reading.Hedged)).ToList());
    }

    private static IReadOnlyList<int>? Clicked(IQuestion question, System.Text.Json.Nodes.JsonNode? submitted)
    {
        var choices = question.Choices;
        if (question.MultiSelect && ChoiceSubmit.ManyValues(submitted) is { } many)
        {
            var indexes = many.Select(v => choices.ToList().FindIndex(c => string.Equals(c.Value, v, StringComparison.OrdinalIgnoreCase))).ToList();
            return indexes.Count > 0 && indexes.All(i => i >= 0) ? indexes : [];
        }
        // A multi-select question is answered by its check list only: an earlier card's button is not "none of these".
        if (question.MultiSelect && ChoiceSubmit.SingleValue(submitted) is not null) return [];
        if (ChoiceSubmit.SingleValue(submitted) is { } single)
        {
            var index = choices.ToList().FindIndex(c => c.Value == single);
            return index >= 0 ? [index] : [];
        }
        return null;
    }

    /// <summary>The answer to "Just to check": yes stores what was offered, no asks the question again in full.</summary>
    private async Task<DialogTurnResult> CheckedAsync(DialogContext dc, IQuestion question, State state, bool yes, CancellationToken cancellationToken)
    {
        if (yes) return await dc.EndDialogAsync(new GivenAnswer(question.Name, state.Pending!, AnswerHow.Confirmed, state.PendingTyped), cancellationToken);
        state.Pending = null;
        state.PendingTyped = null;
        await dc.Turn.SendActivityAsync("No problem. Which one is it then?", cancellationToken);
        await SendQuestionAsync(dc, state, problem: null, cancellationToken);
        return DialogTurnResult.EndOfTurn;
    }

    private const string CheckYes = "Yes, that's right";
    private const string CheckNo = "No, let me choose";

    /// <summary>"Yes, that's right" and "No, let me choose", in the turn's language.</summary>
    private static List<Choice> CheckChoices => YesNo.Choices(CheckYes, CheckNo);

    /// <summary>
    /// How the prompt waiting in <paramref name="instance"/> would take <paramref name="text"/>: as an answer
    /// (<see cref="ReadingKind.Understood"/>, a yes or no to a pending check included), as a hint it would check
    /// (<see cref="ReadingKind.Confirm"/>), or not at all (also when no answer prompt is waiting). An answer phrased
    /// like a question ("is it IIa? probably") is understood, so it is not sent to the knowledge base.
    /// </summary>
    public static ReadingKind WouldRead(DialogInstance instance, QuestionList questionnaire, string text, ReadContext context)
    {
        if (instance.Id != AdvisorDialogIds.Answer || questionnaire.Find(instance.GetState<State>().Question) is not { } question) return ReadingKind.NotUnderstood;
        if (instance.GetState<State>().Pending is not null && YesOrNo(text) is not null) return ReadingKind.Understood;
        return question.Read(text, context).Kind;
    }

    private static bool? YesOrNo(string text) =>
        ChoiceRecognizer.RecognizeOne(text, CheckChoices) is { Match: ChoiceMatch.Exact or ChoiceMatch.Synonym } found ? found.Value == ConfirmPrompt.YesValue : null;

    private async Task<DialogTurnResult> FailAsync(DialogContext dc, State state, string problem, CancellationToken cancellationToken)
    {
        // A miss ends a "Just to check": a later yes must not store what was offered before it.
        state.Pending = null;
        state.PendingTyped = null;
        state.FailedAttempts++;
        string? said = problem;
        if (state.FailedAttempts >= state.Options.MaxAttempts)
        {
            // After a few misses, explain the question instead of repeating the same words.
            state.FailedAttempts = 0;
            await dc.Turn.SendActivityAsync(GetHelp(dc, dc.ActiveDialog!)!, cancellationToken);
            said = null;
        }
        await SendQuestionAsync(dc, state, said, cancellationToken);
        return DialogTurnResult.EndOfTurn;
    }

    private async Task SendQuestionAsync(DialogContext dc, State state, string? problem, CancellationToken cancellationToken)
    {
        if (problem is not null) await dc.Turn.SendActivityAsync(Activity.CreateMessage(problem), cancellationToken);
        var activity = BotJson.Clone(state.Options.Prompt ?? Activity.CreateMessage(string.Empty));
        activity.InputHint = InputHints.ExpectingInput;
        var question = questionnaire.Find(state.Question);
        var multi = question?.MultiSelect == true;
        // The options in the turn's language (the state keeps those of the turn that first asked).
        var options = question is null ? state.Options : new PromptOptions { Prompt = state.Options.Prompt, Choices = [.. question.Choices], Help = state.Options.Help, Progress = state.Options.Progress, MaxAttempts = state.Options.MaxAttempts };
        ChoiceRendering.Apply(dc.Turn.Activity, activity, options, cards, multi ? MultiChoicePrompt.CardName : ChoicePrompt.CardName);
        await dc.Turn.SendActivityAsync(activity, cancellationToken);
    }

    /// <summary>"Just to check: design frozen, verification under way?", with the likely options first.</summary>
    private async Task SendCheckAsync(DialogContext dc, IQuestion question, State state, CancellationToken cancellationToken)
    {
        var pending = state.Pending!;
        var choices = question.Choices;
        string text;
        List<Choice> offered;
        if (question.MultiSelect)
        {
            text = Texts.Say("Just to check: {options}?", ("options", question.DescribeOptions(pending)));
            offered = CheckChoices;
        }
        else
        {
            text = pending.Count == 1
                ? Texts.Say("Just to check: {options}?", ("options", question.DescribeOptions(pending)))
                : Texts.Say("Just to check, which is it: {options}?", ("options", question.DescribeOptions(pending)));
            offered = [.. pending.Select(i => choices[i]), .. choices.Where((_, i) => !pending.Contains(i))];
        }
        var activity = Activity.CreateMessage(text);
        activity.InputHint = InputHints.ExpectingInput;
        ChoiceRendering.Apply(dc.Turn.Activity, activity, new PromptOptions { Choices = offered }, cards, ChoicePrompt.CardName);
        await dc.Turn.SendActivityAsync(activity, cancellationToken);
    }
}
