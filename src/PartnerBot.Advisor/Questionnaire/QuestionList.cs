namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// The questions in the order they are asked. Everything that depends on the list (the assessment's steps,
/// "Question 4 of 12", "back", "change an answer", the answers cited by the rules) is derived from it, so
/// adding, removing or reordering a question is a change to the list alone.
/// </summary>
public sealed class QuestionList
{
    private readonly Dictionary<QuestionId, IQuestion> _byId;

    public QuestionList(IReadOnlyList<IQuestion> questions)
    {
        Questions = questions;
        _byId = new Dictionary<QuestionId, IQuestion>();
        foreach (var question in questions)
        {
            if (!_byId.TryAdd(question.Id, question)) throw new ArgumentException($"The question '{question.Id}' is declared twice.", nameof(questions));
        }
    }

    public IReadOnlyList<IQuestion> Questions { get; }

    public IQuestion this[QuestionId id] => _byId.TryGetValue(id, out var question)
        ? question
        : throw new KeyNotFoundException($"The questionnaire has no question '{id}'.");

    /// <summary>A question by the name kept in dialog state or sent back by a card button; null when there is none.</summary>
    public IQuestion? Find(string? name) => Questions.FirstOrDefault(q => q.Id.Name == name);

    /// <summary>
    /// "Question 4 of 12": the position among the questions of the same numbering that apply to the answers so
    /// far. A follow-up that starts to apply gets its own number and the total grows, so no number repeats.
    /// </summary>
    public string? Progress(IQuestion question, Assessment assessment)
    {
        if (question.Numbering == Numbering.None) return null;
        var counted = Questions.Where(q => q.Numbering == question.Numbering && (q == question || q.AppliesTo(assessment))).ToList();
        var word = question.Numbering == Numbering.Main ? "Question" : "Readiness";
        return $"{word} {counted.IndexOf(question) + 1} of {counted.Count}";
    }

    /// <summary>The answer in the words of its question ("Design maturity: Design in progress"), or null when not answered.</summary>
    public string? Cite(QuestionId id, Assessment assessment) =>
        this[id].Describe(assessment) is { } answer ? $"{this[id].Label}: {answer}" : null;
}
