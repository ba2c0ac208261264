using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>An answer to one question, by option positions, with how it was given.</summary>
public sealed record GivenAnswer(string Question, IReadOnlyList<int> Options, AnswerHow How, string? Typed, bool Hedged = false)
{
    public void ApplyTo(IQuestion question, Assessment assessment)
    {
        question.Apply(assessment, Options);
        // What was typed is kept only with consent; once declined, the answers stay and the words go.
        var keepWords = How != AnswerHow.Clicked && assessment.ConsentGiven != false;
        assessment.RecordSource(new AnswerSource(Question, How, keepWords ? Typed : null, Hedged));
        if (assessment.ConsentGiven == false) assessment.ForgetWords();
    }
}

/// <summary>Answers to several questions taken from one description of the project.</summary>
public sealed record DescribedAnswers(IReadOnlyList<GivenAnswer> Answers);

/// <summary>The prospect pressed "Change" next to an understood answer.</summary>
public sealed record CorrectionRequest(string Question);
