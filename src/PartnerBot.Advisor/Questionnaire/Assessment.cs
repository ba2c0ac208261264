namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// Everything the prospect has told the advisor, typed. Null means "not asked (yet)" or "skipped because an
/// earlier answer made the question irrelevant". Which question fills which property is declared in
/// <see cref="AssessmentQuestions"/>.
/// </summary>
public sealed class Assessment
{
    public bool? ConsentGiven { get; set; }
    public Organization? Organization { get; set; }
    public DesignMaturity? Maturity { get; set; }
    public CurrentNeed? CurrentNeed { get; set; }
    public TargetMarket? Markets { get; set; }
    public DeviceClass? EuClass { get; set; }
    public DeviceClass? UsClass { get; set; }
    public StrategyStatus? RegulatoryStrategy { get; set; }
    public QmsStatus? Qms { get; set; }
    public DocumentationStatus? Specifications { get; set; }
    public DesignOwner? DesignOwner { get; set; }
    public YesNoUnsure? ManufacturabilityReview { get; set; }
    public List<Capability>? Capabilities { get; set; }
    public YesNoUnsure? HasElectronics { get; set; }
    public Priority? Priority { get; set; }
    public AnnualVolume? Volume { get; set; }
    public LaunchTimeline? Launch { get; set; }
    public Region? Location { get; set; }
    public bool? WantsReadinessQuestions { get; set; }
    public ReadinessLevel? KnowsCompetenciesAndGaps { get; set; }
    public ReadinessLevel? TeamsAligned { get; set; }
    public ReadinessLevel? ClearProductVision { get; set; }
    public ReadinessLevel? OpenToChallenge { get; set; }
    public ReadinessLevel? BringsInSpecialists { get; set; }
    public ReadinessLevel? CalculatedRisk { get; set; }
    public ReadinessLevel? CuriousAndOpen { get; set; }
    public ReadinessLevel? ChallengesPartner { get; set; }
    public ReadinessLevel? Ambitious { get; set; }

    /// <summary>True once every question that applies has been answered.</summary>
    public bool Completed { get; set; }

    /// <summary>The language the prospect reads ("de"), kept so that the next turn speaks it too; null until known.</summary>
    public string? Language { get; set; }

    /// <summary>The prospect chose the language ("auf Deutsch bitte"): their client's locale no longer changes it.</summary>
    public bool LanguageChosen { get; set; }

    /// <summary>What the prospect typed or clicked for each answer (one entry per question, the latest).</summary>
    public List<AnswerSource> Sources { get; set; } = [];

    /// <summary>Questions the prospect asked that the knowledge base had no answer for.</summary>
    public List<UnansweredQuestion> UnansweredQuestions { get; set; } = [];

    public AnswerSource? SourceOf(string question) => Sources.FirstOrDefault(s => s.Question == question);

    public void RecordSource(AnswerSource source)
    {
        Sources.RemoveAll(s => s.Question == source.Question);
        Sources.Add(source);
    }

    /// <summary>Drops what the prospect typed (kept only with consent); the answers themselves stay.</summary>
    public void ForgetWords()
    {
        Sources = Sources.Select(s => s with { Typed = null }).ToList();
        UnansweredQuestions.Clear();
    }

    /// <summary>A copy to try answers on (the progress count explores what could still be asked).</summary>
    public Assessment Copy()
    {
        var copy = (Assessment)MemberwiseClone();
        copy.Capabilities = Capabilities?.ToList();
        copy.Sources = [.. Sources];
        copy.UnansweredQuestions = [.. UnansweredQuestions];
        return copy;
    }
}
