namespace PartnerBot.Advisor.Questionnaire;

/// <summary>The prospect's answers as labelled lines, in question order, for text summaries and for sales.</summary>
public static class AssessmentSummary
{
    public static IReadOnlyList<(string Label, string Answer)> Lines(Assessment assessment) =>
        AssessmentQuestions.Slots
            .Select(slot => (slot.Label, Answer: slot.Describe(assessment)))
            .Where(line => line.Answer is not null)
            .Select(line => (line.Label, line.Answer!))
            .ToList();

    public static string ToText(Assessment assessment) => string.Join("\n", Lines(assessment).Select(l => $"- {l.Label}: {l.Answer}"));
}
