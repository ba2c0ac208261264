namespace PartnerBot.Advisor.Questionnaire;

/// <summary>The prospect's answers as labelled lines, in question order, for text summaries and for sales.</summary>
public static class AssessmentSummary
{
    public static IReadOnlyList<(string Label, string Answer)> Lines(Assessment a)
    {
        var lines = new List<(string, string)>();
        void Add<T>(string label, Question<T> question, T? value) where T : struct, Enum
        {
            if (value is { } v) lines.Add((label, question.TitleOf(v)));
        }

        Add("Organization", AssessmentQuestions.Organization, a.Organization);
        Add("Design maturity", AssessmentQuestions.Maturity, a.Maturity);
        Add("Target markets", AssessmentQuestions.Markets, a.Markets);
        Add("EU device class", AssessmentQuestions.EuClass, a.EuClass);
        Add("US device class", AssessmentQuestions.UsClass, a.UsClass);
        Add("Regulatory strategy", AssessmentQuestions.RegulatoryStrategy, a.RegulatoryStrategy);
        Add("ISO 13485 QMS", AssessmentQuestions.Qms, a.Qms);
        if (a.Capabilities is { } capabilities)
        {
            lines.Add(("In-house capabilities", capabilities.Count == 0
                ? AssessmentQuestions.Capabilities.TitleOf(Capability.None)
                : string.Join(", ", capabilities.Select(AssessmentQuestions.Capabilities.TitleOf))));
        }
        Add("Priority", AssessmentQuestions.Priority, a.Priority);
        Add("Annual volume", AssessmentQuestions.Volume, a.Volume);
        Add("Launch", AssessmentQuestions.Launch, a.Launch);
        Add("Current need", AssessmentQuestions.CurrentNeed, a.CurrentNeed);
        Add("Location", AssessmentQuestions.Location, a.Location);
        Add("Knows strengths and gaps", AssessmentQuestions.KnowsCompetenciesAndGaps, a.KnowsCompetenciesAndGaps);
        Add("Teams aligned", AssessmentQuestions.TeamsAligned, a.TeamsAligned);
        Add("Clear product vision", AssessmentQuestions.ClearProductVision, a.ClearProductVision);
        Add("Open to challenge", AssessmentQuestions.OpenToChallenge, a.OpenToChallenge);
        return lines;
    }

    public static string ToText(Assessment a) => string.Join("\n", Lines(a).Select(l => $"- {l.Label}: {l.Answer}"));
}
