using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// The guided assessment: the welcome, then always the first question of the <see cref="QuestionList"/> that
/// applies and is still open, until none is (consent included, as an uncounted question). Because it asks
/// "what is still open" rather than "the next step", a description of the whole project that answers six
/// questions at once simply leaves fewer to ask, a card's "Change" asks one again, and "back" walks the
/// questions in the order they were asked. Ends with the completed <see cref="Assessment"/>.
/// </summary>
public sealed class AssessmentDialog(AdvisorOptions options, QuestionList questionnaire, CardLibrary cards) : Dialog(nameof(AssessmentDialog)), IBackNavigable
{
    public const string UnderstoodCard = "understood";

    /// <summary>What the dialog keeps: the answers, and the questions asked so far, oldest first ("back" walks them).</summary>
    public sealed class Progress
    {
        // Named as the waterfall named its values, so a conversation under way when this version started keeps its answers.
        public Assessment Values { get; set; } = new();
        public List<string> AskedQuestions { get; set; } = [];

        /// <summary>The step the previous version's assessment was waiting at, when this conversation began under it.</summary>
        public int? Index { get; set; }
    }

    public AssessmentDialog(AdvisorOptions options, CardLibrary cards)
        : this(options, AssessmentQuestions.All, cards)
    {
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? begin, CancellationToken cancellationToken)
    {
        var state = Load(dc);
        if (begin is Assessment initial) state.Values = initial;
        await dc.Turn.SendActivityAsync(AdvisorMessages.Welcome(options), cancellationToken);
        return await AskNextAsync(dc, state, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken) =>
        // The assessment waits only through its prompt; a message reaching it directly asks what is open.
        AskNextAsync(dc, Load(dc), cancellationToken);

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, object? result, CancellationToken cancellationToken)
    {
        var state = Load(dc);
        switch (result)
        {
            case GivenAnswer answer when questionnaire.Find(answer.Question) is { } question:
                answer.ApplyTo(question, state.Values);
                if (question.Name == AssessmentQuestions.Consent.Name)
                {
                    await dc.Turn.SendActivityAsync(state.Values.ConsentGiven == true ? AdvisorMessages.ConsentGiven : AdvisorMessages.ConsentDeclined, cancellationToken);
                }
                break;
            case DescribedAnswers described:
                foreach (var answer in described.Answers)
                {
                    if (questionnaire.Find(answer.Question) is { } question) answer.ApplyTo(question, state.Values);
                }
                // The card shows what stands: an answer the description itself made irrelevant is not listed.
                questionnaire.ClearInapplicable(state.Values);
                await dc.Turn.SendActivityAsync(UnderstoodMessage(state.Values, described), cancellationToken);
                break;
            case FoundChoice or IReadOnlyList<FoundChoice> or bool when state.Index is { } step && step < questionnaire.Questions.Count:
                // A prompt of the version before this one answered: its step number names the question it asked.
                ApplyLegacy(questionnaire.Questions[step], result, state.Values);
                break;
            case CorrectionRequest correction when questionnaire.Find(correction.Question) is { } asked && asked.AppliesTo(state.Values):
                return await AskAsync(dc, state, asked, cancellationToken);
        }
        state.Index = null;
        return await AskNextAsync(dc, state, cancellationToken);
    }

    public bool CanGoBack(DialogInstance instance) => instance.GetState<Progress>().AskedQuestions.Count > 1;

    public async Task GoBackAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = Load(dc);
        state.AskedQuestions.RemoveAt(state.AskedQuestions.Count - 1);
        var previous = questionnaire.Find(state.AskedQuestions[^1]);
        if (previous is null || !previous.AppliesTo(state.Values)) await AskNextAsync(dc, state, cancellationToken);
        else await AskAsync(dc, state, previous, cancellationToken);
    }

    /// <summary>The previous version asked step k for question k of the list (the consent step first).</summary>
    private static void ApplyLegacy(IQuestion question, object? result, Assessment assessment)
    {
        IReadOnlyList<int>? options = result switch
        {
            FoundChoice one => [one.Index],
            IReadOnlyList<FoundChoice> many => many.Select(f => f.Index).ToList(),
            bool yes when question.Name == AssessmentQuestions.Consent.Name => [yes ? 0 : 1],
            _ => null,
        };
        if (options is not null) new GivenAnswer(question.Name, options, AnswerHow.Clicked, null).ApplyTo(question, assessment);
    }

    private Progress Load(DialogContext dc)
    {
        var state = dc.ActiveDialog!.GetState<Progress>();
        AdvisorTurn.Of(dc.Turn).Assessment = state.Values;
        return state;
    }

    private async Task<DialogTurnResult> AskNextAsync(DialogContext dc, Progress state, CancellationToken cancellationToken)
    {
        questionnaire.ClearInapplicable(state.Values);
        if (questionnaire.NextOpen(state.Values) is { } next) return await AskAsync(dc, state, next, cancellationToken);

        state.Values.Completed = true;
        await dc.Turn.SendActivityAsync(AdvisorMessages.AssessmentComplete, cancellationToken);
        return await dc.EndDialogAsync(state.Values, cancellationToken);
    }

    private Task<DialogTurnResult> AskAsync(DialogContext dc, Progress state, IQuestion question, CancellationToken cancellationToken)
    {
        // Asked again (back, or a correction): the back path is cut to its first visit, so it never loops.
        var earlier = state.AskedQuestions.IndexOf(question.Name);
        if (earlier >= 0) state.AskedQuestions.RemoveRange(earlier, state.AskedQuestions.Count - earlier);
        state.AskedQuestions.Add(question.Name);

        var prompt = question.CreatePromptOptions(state.Values, questionnaire.Progress(question, state.Values));
        if (question.Name == AssessmentQuestions.Consent.Name)
        {
            prompt.Prompt = Activity.CreateMessage(AdvisorMessages.ConsentQuestion(options));
            prompt.Help = AdvisorMessages.ConsentHelp(options);
        }
        var open = questionnaire.Questions.Where(q => q.AppliesTo(state.Values) && !q.IsAnswered(state.Values)).Select(q => q.Name).ToList();
        return dc.BeginDialogAsync(AdvisorDialogIds.Answer, new AnswerPrompt.Request { Question = question.Name, Options = prompt, Open = open }, cancellationToken);
    }

    /// <summary>The card of what a description answered, each with a "Change" button.</summary>
    private Activity UnderstoodMessage(Assessment assessment, DescribedAnswers described)
    {
        var items = described.Answers
            .Select(a => questionnaire.Find(a.Question))
            .OfType<IQuestion>()
            .Where(q => q.IsAnswered(assessment))
            .Select(q => new
            {
                Label = Texts.Say(q.Label),
                Answer = Texts.Answer(q.Describe(assessment)!) + (assessment.SourceOf(q.Name)?.Hedged == true ? " " + Texts.Say("(you weren't certain)") : string.Empty),
                Question = q.Name,
            })
            .ToList();
        var activity = Activity.CreateMessage(null);
        activity.Summary = Texts.Say("Here is what I understood: {answers}", ("answers", string.Join("; ", items.Select(i => $"{i.Label}: {i.Answer}"))));
        activity.Attachments = [cards.RenderAttachment(UnderstoodCard, new
        {
            Intro = Texts.Say("Thanks, that covers {count} questions. Here is what I understood:", ("count", items.Count)),
            Items = items,
            Footer = Texts.Say("If something is not right, press Change next to it. I'll only ask what is still open."),
        })];
        return activity;
    }
}
