using PartnerBot.Advisor;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>The questionnaire is declared once: a question added to the list is asked, numbered, reachable by "back" and changeable.</summary>
public sealed class QuestionnaireTests
{
    public enum Funding { Bootstrapped, Seed, SeriesA }

    private Funding? _funding;
    private readonly DialogHarness _harness;

    public QuestionnaireTests()
    {
        // The one edit: a new entry in the list (its answer kept here, where a real one would have an Assessment property).
        var funding = new Question<Funding>
        {
            // A real question has an Assessment property; this one keeps its answer in the assessment's own records, so
            // that it travels with the assessment (saved each turn, copied when the progress count tries answers).
            Answer = new AnswerSlot<Funding?>("funding",
                a => Enum.TryParse<Funding>(a.SourceOf("funding-answer")?.Typed, out var f) ? f : null,
                (a, v) =>
                {
                    a.Sources.RemoveAll(s => s.Question == "funding-answer");
                    if (v is { } value) a.RecordSource(new AnswerSource("funding-answer", AnswerHow.Clicked, value.ToString()));
                    _funding = v;
                }),
            Label = "Funding",
            Text = "How is the project funded so far?",
            Help = "Funding tells me how much runway there is for development.",
            Options =
            [
                new(Funding.Bootstrapped, "Bootstrapped", "own money"),
                new(Funding.Seed, "Seed round", "seed"),
                new(Funding.SeriesA, "Series A or later", "series a"),
            ],
        };
        var questions = AssessmentQuestions.All.Questions.ToList();
        questions.Insert(2, funding);
        var questionnaire = new QuestionList(questions);

        _harness = new DialogHarness(cards => new DialogSet()
            .Add(new AssessThenChange())
            .Add(new AssessmentDialog(new AdvisorOptions(), questionnaire, cards))
            .Add(new ChangeAnswerDialog(questionnaire))
            .Add(new AnswerPrompt(questionnaire, cards, TimeProvider.System))
            .Add(new ChoicePrompt(AdvisorDialogIds.Choice, cards)), nameof(AssessThenChange));
    }


    /// <summary>The assessment, then "change an answer" on its result.</summary>
    private sealed class AssessThenChange : WaterfallDialog<Assessment>
    {
        public AssessThenChange()
            : base(nameof(AssessThenChange))
        {
            AddSteps(AssessStepAsync, ChangeStepAsync, DoneStepAsync);
        }

        private Task<DialogTurnResult> AssessStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
            step.BeginDialogAsync(nameof(AssessmentDialog), step.Values, ct);

        private Task<DialogTurnResult> ChangeStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
            step.BeginDialogAsync(nameof(ChangeAnswerDialog), step.Result, ct);

        private Task<DialogTurnResult> DoneStepAsync(WaterfallStepContext<Assessment> step, CancellationToken ct) =>
            step.EndAsync(step.Result, ct);
    }

    [Fact]
    public async Task A_question_added_to_the_list_is_asked_numbered_reachable_by_back_and_changeable()
    {
        await _harness.SendAsync("hi");
        (await _harness.SendAsync("yes")).Expect("Question 1 of ");
        (await _harness.SendAsync("startup")).Expect("How is the project funded so far?").Expect("Question 2 of ");
        (await _harness.SendAsync("seed")).Expect("How far along is the device design?").Expect("Question 3 of ");
        (await _harness.SendAsync("back")).Expect("How is the project funded so far?").Expect("Question 2 of ");
        (await _harness.SendAsync("series a")).Expect("Question 3 of ");
        Assert.Equal(Funding.SeriesA, _funding);

        Replies last = null!;
        foreach (var answer in new[] { "idea", "EU", "IIa", "yes", "yes", "all", "time to market", "1,000 - 10,000", "in 1-2 years", "europe", "skip" }) last = await _harness.SendAsync(answer);
        last.Expect("Which answer would you like to change?").Expect("Funding: Series A or later");

        (await _harness.SendAsync("funding")).Expect("How is the project funded so far?");
        await _harness.SendAsync("bootstrapped");

        Assert.Equal(Funding.Bootstrapped, _funding);
        Assert.Equal(DialogTurnStatus.Complete, _harness.LastResult!.Status);
    }

    [Fact]
    public void A_question_declared_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => new QuestionList([AssessmentQuestions.Organization, AssessmentQuestions.Maturity, AssessmentQuestions.Organization]));

    [Fact]
    public void Every_question_is_declared_once_with_wording_help_and_options()
    {
        var questions = AssessmentQuestions.All.Questions;

        Assert.Equal(questions.Count, questions.Select(q => q.Name).Distinct().Count());
        Assert.All(questions, q =>
        {
            var prompt = q.CreatePromptOptions(new Assessment(), null);
            Assert.False(string.IsNullOrWhiteSpace(prompt.Prompt?.Text));
            Assert.False(string.IsNullOrWhiteSpace(prompt.Help));
            Assert.True(prompt.Choices!.Count >= 2);
        });
    }
}
