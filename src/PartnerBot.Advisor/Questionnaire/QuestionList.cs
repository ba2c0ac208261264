namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// The questions in the order they are asked. Everything that depends on the list (the assessment's order,
/// "Question 4 of 12", "back", "change an answer", descriptions of the project, the answers cited by the rules)
/// is derived from it, so adding, removing or reordering a question is a change to the list alone.
/// </summary>
public sealed class QuestionList
{
    private readonly Dictionary<string, IQuestion> _byName;

    public QuestionList(IReadOnlyList<IQuestion> questions)
    {
        Questions = questions;
        _byName = new Dictionary<string, IQuestion>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            if (!_byName.TryAdd(question.Name, question)) throw new ArgumentException($"The question '{question.Name}' is declared twice.", nameof(questions));
        }
    }

    public IReadOnlyList<IQuestion> Questions { get; }

    private HashSet<int>? _gates;

    /// <summary>
    /// The questions whose answer decides whether a later one is asked (design maturity, markets, capabilities,
    /// the readiness offer): found by trying each of their options, alone and beside each single other answer.
    /// Only these need exploring when counting what can still apply.
    /// </summary>
    private HashSet<int> Gates => _gates ??= FindGates();

    private HashSet<int> FindGates()
    {
        var bases = new List<Assessment> { new() };
        foreach (var question in Questions)
        {
            for (var option = 0; option < question.Choices.Count; option++)
            {
                var single = new Assessment();
                question.Apply(single, [option]);
                bases.Add(single);
            }
        }
        var gates = new HashSet<int>();
        for (var i = 0; i < Questions.Count; i++)
        {
            foreach (var start in bases)
            {
                var signatures = new HashSet<string>();
                for (var option = 0; option < Questions[i].Choices.Count; option++)
                {
                    var trial = start.Copy();
                    Questions[i].Apply(trial, [option]);
                    signatures.Add(Signature(trial, i + 1));
                }
                if (signatures.Count > 1) { gates.Add(i); break; }
            }
        }
        return gates;
    }

    private string Signature(Assessment assessment, int from) => string.Concat(Questions.Skip(from).Select(q => q.AppliesTo(assessment) ? '1' : '0'));

    /// <summary>A question by the name kept in dialog state or sent back by a card button; null when there is none.</summary>
    public IQuestion? Find(string? name) => name is not null && _byName.TryGetValue(name, out var question) ? question : null;

    /// <summary>The first question that applies and has no answer yet, in the list's order; null when all are answered.</summary>
    public IQuestion? NextOpen(Assessment assessment) => Questions.FirstOrDefault(q => q.AppliesTo(assessment) && !q.IsAnswered(assessment));

    /// <summary>Forgets the answers to questions that no longer apply (an earlier answer changed).</summary>
    public void ClearInapplicable(Assessment assessment)
    {
        foreach (var question in Questions.Where(q => q.IsAnswered(assessment) && !q.AppliesTo(assessment))) question.Clear(assessment);
    }

    /// <summary>
    /// "Question 4 of 12". The number is the answers already given plus one; the total is the most questions that
    /// can still apply, whatever the open answers turn out to be. An answer can only rule questions out, so the
    /// total never grows from one question to the next: a description that answers five questions at once makes
    /// it drop, and a follow-up that starts to apply was already counted.
    /// </summary>
    public string? Progress(IQuestion question, Assessment assessment)
    {
        if (question.Numbering == Numbering.None) return null;
        var answered = Questions.Count(q => q != question && q.Numbering == question.Numbering && q.AppliesTo(assessment) && q.IsAnswered(assessment));
        var total = Math.Max(MostThatCanApply(assessment, question.Numbering), answered + 1);
        var word = question.Numbering == Numbering.Main ? "Question" : "Readiness";
        return $"{word} {answered + 1} of {total}";
    }

    /// <summary>
    /// The largest number of questions of one numbering that can apply once every open question is answered:
    /// tries the options of each open question whose answer changes what applies later.
    /// </summary>
    public int MostThatCanApply(Assessment assessment, Numbering numbering) => Explore(assessment, 0, numbering);

    private int Explore(Assessment assessment, int from, Numbering numbering)
    {
        for (var i = from; i < Questions.Count; i++)
        {
            var question = Questions[i];
            if (!Gates.Contains(i) || question.IsAnswered(assessment) || !question.AppliesTo(assessment)) continue;
            var best = -1;
            var seen = new HashSet<string>();
            for (var option = 0; option < question.Choices.Count; option++)
            {
                var trial = assessment.Copy();
                question.Apply(trial, [option]);
                // Options that leave the same later questions applicable lead to the same count.
                var signature = Signature(trial, i + 1);
                if (!seen.Add(signature)) continue;
                best = Math.Max(best, Explore(trial, i + 1, numbering));
            }
            return best;
        }
        return Questions.Count(q => q.Numbering == numbering && q.AppliesTo(assessment));
    }

    /// <summary>The answer in the words of its question ("Design maturity: Design in progress"), or null when not answered.</summary>
    public static string? Cite(IQuestion question, Assessment assessment) =>
        question.Describe(assessment) is { } answer ? $"{question.Label}: {answer}" : null;
}
