using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>An answer to one question, by option positions, with how it was given.</summary>
public sealed record GivenAnswer(string Question, IReadOnlyList<int> Options, AnswerHow How, string? Typed, bool Hedged = false)
{
    public void ApplyTo(IQuestion question, Assessment assessment)
    {
        question.Apply(assessment, Options);
        assessment.RecordSource(new AnswerSource(Question, How, How == AnswerHow.Clicked ? null : Typed, Hedged));
    }
}

/// <summary>Answers to several questions taken from one description of the project.</summary>
public sealed record DescribedAnswers(IReadOnlyList<GivenAnswer> Answers);

/// <summary>The prospect pressed "Change" next to an understood answer.</summary>
public sealed record CorrectionRequest(string Question);
