using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>
/// The answers that made a rule fire. Rules are written with <see cref="If"/>, <see cref="All"/> and
/// <see cref="Any"/>, which keep only the answers whose test was true, so an explanation cites exactly the
/// answers that triggered it and never one that merely could have. Null means the rule does not fire.
/// </summary>
public sealed class Evidence(IReadOnlyList<Because> answers)
{
    /// <summary>The rule fires whatever the answers (it cites none).</summary>
    public static readonly Evidence Always = new([]);

    public IReadOnlyList<Because> Answers { get; } = answers;

    public static Evidence? If(bool holds, params IQuestion[] because) =>
        holds ? new Evidence(because.Select(q => new Because(q)).ToList()) : null;

    /// <summary>A capability the prospect did not tick (nothing when the question was not answered).</summary>
    public static Evidence? Lacks(Assessment a, Capability capability) =>
        a.Capabilities is { } have && !have.Contains(capability)
            ? new Evidence([new Because(AssessmentQuestions.Capabilities, AssessmentQuestions.Capabilities.TitleOf(capability) + " not ticked")])
            : null;

    /// <summary>A capability the prospect ticked.</summary>
    public static Evidence? Has(Assessment a, Capability capability) =>
        a.Capabilities is { } have && have.Contains(capability)
            ? new Evidence([new Because(AssessmentQuestions.Capabilities, AssessmentQuestions.Capabilities.TitleOf(capability) + " ticked")])
            : null;

    /// <summary>Fires when every part fires, citing all of them.</summary>
    public static Evidence? All(params Evidence?[] parts) =>
        parts.Any(p => p is null) ? null : Merge(parts!);

    /// <summary>Fires when some part fires, citing only those that did.</summary>
    public static Evidence? Any(params Evidence?[] parts) =>
        parts.All(p => p is null) ? null : Merge(parts.OfType<Evidence>());

    /// <summary>Adds the answers of <paramref name="extra"/> that hold, without making them a condition.</summary>
    public Evidence Also(params Evidence?[] extra) => Merge([this, .. extra.OfType<Evidence>()]);

    /// <summary>The cited answers in the prospect's words ("Design maturity: Design in progress").</summary>
    public IReadOnlyList<string> Cite(Assessment a, QuestionList questionnaire) =>
        Answers
            .Select(b => b.Note is { } note ? $"{b.Question.Label}: {note}" : QuestionList.Cite(b.Question, a))
            .OfType<string>()
            .Distinct()
            .ToList();

    private static Evidence Merge(IEnumerable<Evidence> parts) => new(parts.SelectMany(p => p.Answers).Distinct().ToList());
}
