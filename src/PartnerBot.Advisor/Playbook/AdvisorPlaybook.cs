using PartnerBot.Advisor.Questionnaire;
using static PartnerBot.Advisor.Playbook.Evidence;
using static PartnerBot.Advisor.Questionnaire.DesignMaturity;
using Q = PartnerBot.Advisor.Questionnaire.AssessmentQuestions;

namespace PartnerBot.Advisor.Playbook;

/// <summary>
/// The advisor's rules, in one place, in plain terms: which engagement model fits, where to start, which
/// services close the gaps, which risks the answers reveal and which tips to give. Each rule is a condition
/// written with <see cref="Evidence.If"/>, <see cref="Evidence.All"/> and <see cref="Evidence.Any"/> (so it
/// cites exactly the answers that made it fire) and the text the prospect reads. Wording that depends on the
/// market is one rule per market (the EU MDR, the FDA, both, or neither yet), so an EU prospect never reads about
/// the FDA and a US prospect never about notified bodies. Change a rule here; nothing else needs to change. The
/// questions themselves are in <see cref="AssessmentQuestions"/>.
/// </summary>
public static partial class AdvisorPlaybook
{
    // ------------------------------------------------------------------------------------------------
    // Shared conditions
    // ------------------------------------------------------------------------------------------------

    /// <summary>The EU is one of the markets named (while none is decided, the EU class is asked, but the wording names no regulator).</summary>
    private static bool EuFacing(Assessment a) => a.Markets is TargetMarket.Eu or TargetMarket.EuAndUs;

    private static bool UsFacing(Assessment a) => a.Markets is TargetMarket.Us or TargetMarket.EuAndUs;

    /// <summary>No market whose rules the wording can name: other markets, not decided, or not answered.</summary>
    private static bool NoNamedMarket(Assessment a) => !EuFacing(a) && !UsFacing(a);

    private static Evidence? EuOnly(Assessment a) => If(a.Markets is TargetMarket.Eu, Q.Markets);

    private static Evidence? UsOnly(Assessment a) => If(a.Markets is TargetMarket.Us, Q.Markets);

    private static Evidence? BothMarkets(Assessment a) => If(a.Markets is TargetMarket.EuAndUs, Q.Markets);

    private static Evidence? OtherOrOpenMarket(Assessment a) => If(NoNamedMarket(a));

    /// <summary>
    /// A quality system that carries production for the markets named: an ISO 13485 certificate, or, for the US
    /// alone, a system that meets the FDA's QMSR (which incorporates ISO 13485 and asks for no certificate).
    /// </summary>
    private static Evidence? QmsReady(Assessment a) => Any(
        If(a.Qms is QmsStatus.Yes, Q.Qms),
        All(If(a.Qms is QmsStatus.CompliantNotCertified, Q.Qms), UsOnly(a)));

    /// <summary>The quality system is not (yet) what the markets ask for: the opposite of <see cref="QmsReady"/>, for an answered question.</summary>
    private static Evidence? QmsGap(Assessment a) => Any(
        If(a.Qms is QmsStatus.InProgress or QmsStatus.No or QmsStatus.NotSure, Q.Qms),
        All(If(a.Qms is QmsStatus.CompliantNotCertified, Q.Qms), If(a.Markets is not TargetMarket.Us, Q.Markets)));

    /// <summary>Classification and market known: a regulatory strategy said to be defined is only defined with them.</summary>
    private static Evidence? RegulatoryBasicsOpen(Assessment a) => Any(
        If(a.EuClass is DeviceClass.NotSure, Q.EuClass),
        If(a.UsClass is DeviceClass.NotSure, Q.UsClass),
        If(a.Markets is TargetMarket.NotDecided, Q.Markets));

    /// <summary>
    /// Work on the development side that production alone does not cover: sustaining engineering for changes,
    /// regulatory documentation. A manufacturing partner (CMO) does neither, so its card never offers them.
    /// </summary>
    private static Evidence? DevelopmentWork(Assessment a) => Any(
        Lacks(a, Capability.ProductEngineering), Lacks(a, Capability.IndustrialDesign), NeedsElectronics(a), Lacks(a, Capability.RegulatoryAffairs));

    /// <summary>
    /// A released product whose production simply moves or grows: regulatory side, quality system and
    /// specifications complete, the prospect's own team stays responsible for the design, and nothing on the
    /// development side is left to do.
    /// </summary>
    private static Evidence? ReadyForManufacturing(Assessment a) => All(
        If(a.Maturity is OnMarket, Q.Maturity),
        If(a.CurrentNeed is CurrentNeed.TransferManufacturing or CurrentNeed.SecondSource or CurrentNeed.ScaleUp, Q.CurrentNeed),
        If(a.RegulatoryStrategy is StrategyStatus.Yes, Q.RegulatoryStrategy),
        QmsReady(a),
        If(a.Specifications is DocumentationStatus.Complete, Q.Specifications),
        If(a.DesignOwner is DesignOwner.OurTeam, Q.DesignOwner),
        If(RegulatoryBasicsOpen(a) is null),
        If(DevelopmentWork(a) is null));

    /// <summary>What keeps a design from going straight into production, citing only the answers that do.</summary>
    private static Evidence? NotReadyForManufacturing(Assessment a) => ReadyForManufacturing(a) is not null ? null : Any(
        If(a.Maturity is not OnMarket, Q.Maturity),
        If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed),
        UnsettledStrategy(a),
        QmsGap(a),
        If(a.Specifications is DocumentationStatus.Partial or DocumentationStatus.Missing or DocumentationStatus.NotSure, Q.Specifications),
        If(a.DesignOwner is DesignOwner.Partner or DesignOwner.NotDecided, Q.DesignOwner),
        RegulatoryBasicsOpen(a),
        DevelopmentWork(a)) ?? Always;

    /// <summary>A validated design (design transfer may have begun).</summary>
    private static bool IsValidated(Assessment a) => a.Maturity is Validated or InTransfer;

    private static bool MaturityUnknown(Assessment a) => a.Maturity is null or DesignMaturity.NotSure;

    private static Evidence? HighRiskClass(Assessment a) => Any(
        If(a.EuClass is DeviceClass.EuIIb or DeviceClass.EuIII, Q.EuClass),
        If(a.UsClass is DeviceClass.UsIII, Q.UsClass));

    private static Evidence? ClassThree(Assessment a) => Any(
        If(a.EuClass is DeviceClass.EuIII, Q.EuClass),
        If(a.UsClass is DeviceClass.UsIII, Q.UsClass));

    private static Evidence? NoStrategy(Assessment a) => If(a.RegulatoryStrategy is StrategyStatus.No or StrategyStatus.NotSure, Q.RegulatoryStrategy);

    private static Evidence? UnsettledStrategy(Assessment a) =>
        If(a.RegulatoryStrategy is StrategyStatus.Partly or StrategyStatus.No or StrategyStatus.NotSure, Q.RegulatoryStrategy);

    /// <summary>The design is still being worked on (not yet validated, or a new version of a marketed one).</summary>
    private static bool DesignOpen(Assessment a) => a.Maturity is not (Validated or InTransfer or OnMarket) || a.CurrentNeed is CurrentNeed.Redesign;

    private static Evidence? VerificationNotDone(Assessment a) => Any(
        If(a.Maturity is null or Concept or ProofOfConcept or DesignInProgress or DesignFrozen or DesignMaturity.NotSure, Q.Maturity),
        If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed));

    /// <summary>The device needs electronics or software help: not in-house, and the device has (or may have) them.</summary>
    private static Evidence? NeedsElectronics(Assessment a) => All(
        Lacks(a, Capability.ElectronicsSoftware),
        If(a.HasElectronics is YesNoUnsure.Yes or YesNoUnsure.NotSure, Q.HasElectronics));

    private static Evidence? ClassThreeWithoutStrategyInDesign(Assessment a) =>
        All(If(a.Maturity is DesignInProgress, Q.Maturity), ClassThree(a), NoStrategy(a));

    /// <summary>A marketed device whose production moves to (or grows at) another manufacturer: a new site.</summary>
    private static Evidence? NewManufacturingSite(Assessment a) => All(
        If(a.Maturity is OnMarket, Q.Maturity),
        If(a.CurrentNeed is CurrentNeed.TransferManufacturing or CurrentNeed.SecondSource or CurrentNeed.ScaleUp, Q.CurrentNeed));

    /// <summary>The "not sure" answers: each lowers the confidence.</summary>
    private static Evidence? OpenAnswers(Assessment a) => Any(
        If(a.Maturity is DesignMaturity.NotSure, Q.Maturity),
        If(a.Markets is TargetMarket.NotDecided, Q.Markets),
        If(a.EuClass is DeviceClass.NotSure, Q.EuClass),
        If(a.UsClass is DeviceClass.NotSure, Q.UsClass),
        If(a.RegulatoryStrategy is StrategyStatus.NotSure, Q.RegulatoryStrategy),
        If(a.Qms is QmsStatus.NotSure, Q.Qms),
        If(a.Specifications is DocumentationStatus.NotSure, Q.Specifications),
        If(a.ManufacturabilityReview is YesNoUnsure.NotSure, Q.ManufacturabilityReview),
        If(a.Volume is AnnualVolume.NotSure, Q.Volume),
        If(a.Launch is LaunchTimeline.NotSure, Q.Launch));

    public static int CountNotSure(Assessment a) => OpenAnswers(a)?.Answers.Count ?? 0;

    /// <summary>Close to the ending of every regulatory-route risk: it holds for early and late designs alike.</summary>
    private const string SettleTheRouteNow = "Settle the route now: the later it is settled, the more testing and design work it can reopen.";

    // ------------------------------------------------------------------------------------------------
    // Engagement model: the first rule that fires decides
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<PlaybookRule> ModelRules =
    [
        new("released-product-to-manufacturing", ReadyForManufacturing,
            "Your device is on the market, its regulatory side and quality system are in place, its specifications are complete and your team stays responsible for the design. What you need is production capacity, and that is a manufacturing partner's (CMO's) job.")
            { Model = EngagementModel.Cmo, Confidence = Confidence.High },

        new("validated-cost-at-scale", a => All(
                If(IsValidated(a), Q.Maturity),
                If(a.RegulatoryStrategy is StrategyStatus.Yes, Q.RegulatoryStrategy),
                QmsReady(a),
                If(a.Specifications is DocumentationStatus.Complete, Q.Specifications),
                If(a.DesignOwner is DesignOwner.OurTeam, Q.DesignOwner),
                If(a.ManufacturabilityReview is YesNoUnsure.Yes, Q.ManufacturabilityReview),
                If(a.Priority is Priority.CostAtScale, Q.Priority),
                If(RegulatoryBasicsOpen(a) is null),
                If(DevelopmentWork(a) is null)),
            "The design is validated and reviewed for manufacturing, the regulatory strategy is defined, the quality system fits your markets, the specifications are complete, your team keeps responsibility for the design, and your goal is cost-efficient production at scale. That is what a manufacturing partner (CMO) does best.")
            { Model = EngagementModel.Cmo, Confidence = Confidence.High },

        new("marketed-redesign", a => All(If(a.Maturity is OnMarket, Q.Maturity), If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed)),
            "A redesign or next generation reopens design decisions, so development comes before manufacturing: a partner who does both (CDMO) fits.")
            { Model = EngagementModel.Cdmo, Confidence = Confidence.High },

        new("late-design-with-gaps", a => All(
                If(a.Maturity is DesignFrozen or VerificationComplete or Validated or InTransfer or OnMarket, Q.Maturity),
                Any(
                    If(a.Maturity is DesignFrozen or VerificationComplete, Q.Maturity),
                    UnsettledStrategy(a),
                    RegulatoryBasicsOpen(a),
                    QmsGap(a),
                    If(a.Specifications is DocumentationStatus.Partial or DocumentationStatus.Missing or DocumentationStatus.NotSure, Q.Specifications),
                    If(a.DesignOwner is DesignOwner.Partner or DesignOwner.NotDecided, Q.DesignOwner),
                    If(a.ManufacturabilityReview is YesNoUnsure.No or YesNoUnsure.NotSure, Q.ManufacturabilityReview),
                    DevelopmentWork(a))),
            "The design is far along, but a manufacturer expects a validated, fully documented design with a settled regulatory route and someone responsible for it, and the answers below show that part of this is still open. Close it with development-side help, then hand production over to manufacturing.")
            { Model = EngagementModel.CdmoThenCmo, Confidence = Confidence.High },

        new("validated-other-priority", a => All(
                If(IsValidated(a) || a.Maturity is OnMarket, Q.Maturity),
                If(a.Priority is not Priority.CostAtScale, Q.Priority)),
            "The design is ready to be produced, but your main goal is not production cost. Speed, lower risk and expertise are what a development partner adds, here around the transfer into production; once production runs, a manufacturing partner's focus on scale and efficiency fits.")
            { Model = EngagementModel.CdmoThenCmo, Confidence = Confidence.Medium },

        new("early-design", a => If(a.Maturity is Concept or ProofOfConcept or DesignInProgress, Q.Maturity),
            "The product is still evolving. The decisions that fix risk, regulatory pathway, cost and manufacturability are made now, so a partner who develops it and later manufactures it (CDMO) fits.")
            { Model = EngagementModel.Cdmo, Confidence = Confidence.High },

        new("maturity-unknown", _ => Always,
            "Without a clear picture of the design's maturity, a development partner is the safer start: it can assess the design before anything is committed to production.")
            { Model = EngagementModel.Cdmo, Confidence = Confidence.Low },
    ];

    /// <summary>Answers of "not sure" lower the confidence: the model may change once they are known.</summary>
    public static Confidence AdjustConfidence(Confidence confidence, Assessment a) => CountNotSure(a) switch
    {
        >= 3 => Confidence.Low,
        >= 1 when confidence == Confidence.High => Confidence.Medium,
        _ => confidence,
    };

    // ------------------------------------------------------------------------------------------------
    // Where to start: the first rule that fires decides
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<PlaybookRule> PhaseRules =
    [
        new("released-product", ReadyForManufacturing,
            "Start in contract manufacturing: the product is released and its documentation is complete, so production can be set up from your released files. The new site still qualifies its equipment and validates its processes before the first lots, as part of starting production.")
            { Start = LifecyclePhase.ContractManufacturing },
        new("redesign", a => All(If(a.Maturity is OnMarket, Q.Maturity), If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed)),
            "Start in design and development: the new version is designed, verified and validated before it moves into production.")
            { Start = LifecyclePhase.DesignAndDevelopment },
        new("class-three-strategy-first", ClassThreeWithoutStrategyInDesign,
            "Start with product definition even though design work has begun: for a class III device the regulatory route decides the clinical evidence, the requirements and often the architecture, so it has to be settled before more is designed.")
            { Start = LifecyclePhase.ProductDefinition },
        new("early-design", a => If(a.Maturity is Concept or ProofOfConcept, Q.Maturity),
            "Start with product definition: with an idea or a proof of concept, the requirements, feasibility and system architecture come next.")
            { Start = LifecyclePhase.ProductDefinition },
        new("design-in-progress", a => If(a.Maturity is DesignInProgress, Q.Maturity),
            "Start in design and development: the design is under way, so engineering, prototypes, design for manufacturing and verification come next.")
            { Start = LifecyclePhase.DesignAndDevelopment },
        new("verification-under-way", a => If(a.Maturity is DesignFrozen, Q.Maturity),
            "Start in design and development: verification is under way and belongs to design and development. Design transfer can begin as the design settles: validation is done on production or production-equivalent units, so the two overlap.")
            { Start = LifecyclePhase.DesignAndDevelopment },
        new("validation-to-do", a => If(a.Maturity is VerificationComplete, Q.Maturity),
            "Start in design and development, to finish it: verification is complete and validation is what remains. Validation is done on production or production-equivalent units, so design transfer runs alongside it rather than after it.")
            { Start = LifecyclePhase.DesignAndDevelopment },
        new("validated-without-strategy", a => All(If(IsValidated(a), Q.Maturity), UnsettledStrategy(a)),
            "Start with design transfer once the regulatory route is confirmed: the design is validated, but a route settled this late can still ask for more testing or design changes, and those cost least before production is set up.")
            { Start = LifecyclePhase.DesignTransfer },
        new("in-transfer", a => If(a.Maturity is InTransfer, Q.Maturity),
            "Start with design transfer, where the project stands: the design is validated and its industrialization has begun, so the manufacturing documentation and process validation are completed at the production site.")
            { Start = LifecyclePhase.DesignTransfer },
        new("validated-design", a => If(a.Maturity is Validated or OnMarket, Q.Maturity),
            "Start with design transfer: the design is validated, so what comes next is industrialization at the production site, with manufacturing documentation and process validation (evidence that the process makes good parts every time).")
            { Start = LifecyclePhase.DesignTransfer },
        new("maturity-unknown", _ => Always,
            "Start with product definition: it is the place to find out where the design really stands.")
            { Start = LifecyclePhase.ProductDefinition },
    ];

    /// <summary>The four lifecycle phases as the prospect reads them.</summary>
    public static readonly IReadOnlyDictionary<LifecyclePhase, PhaseInfo> Phases = new Dictionary<LifecyclePhase, PhaseInfo>
    {
        [LifecyclePhase.ProductDefinition] = new("PD", "Product Definition", "product definition"),
        [LifecyclePhase.DesignAndDevelopment] = new("DD", "Design & Development", "design and development"),
        [LifecyclePhase.DesignTransfer] = new("DT", "Design Transfer", "design transfer"),
        [LifecyclePhase.ContractManufacturing] = new("CM", "Contract Manufacturing", "contract manufacturing"),
    };

    // ------------------------------------------------------------------------------------------------
    // The recommendation
    // ------------------------------------------------------------------------------------------------

    /// <param name="partner">Where the partner is (from the settings); unknown gives no tip about distance.</param>
    public static Recommendation Recommend(Assessment a, PartnerProfile? partner = null)
    {
        partner ??= PartnerProfile.Unknown;
        var questionnaire = AssessmentQuestions.All;
        var (modelRule, modelEvidence) = First(ModelRules, rule => rule.When(a, partner));
        var (phaseRule, phaseEvidence) = First(PhaseRules, rule => rule.When(a, partner));
        var confidence = AdjustConfidence(modelRule.Confidence, a);
        var start = phaseRule.Start;
        var phases = Enum.GetValues<LifecyclePhase>().Where(p => p >= start).ToList();

        var services = Findings(ServiceRules);
        var risks = Findings(RiskRules);
        var tips = Findings(TipRules.Where(rule => rule.ForModels is null || rule.ForModels.Contains(modelRule.Model)));

        var reasons = new List<Finding>
        {
            new(modelRule.Id, null, modelRule.Text, modelEvidence.Cite(a, questionnaire)),
            new(phaseRule.Id, null, phaseRule.Text, phaseEvidence.Cite(a, questionnaire)),
        };
        if (confidence != modelRule.Confidence && OpenAnswers(a) is { } open)
        {
            reasons.Add(new("confidence", null,
                $"Confidence is {Describe(confidence)} rather than {Describe(modelRule.Confidence)} because {CountNotSure(a)} of your answers are still open; the advice may change once they are known.",
                open.Cite(a, questionnaire)));
        }

        return new Recommendation(
            modelRule.Model,
            confidence,
            Headline(modelRule.Model),
            Summary(modelRule.Model, start),
            start,
            phases,
            services,
            risks,
            reasons,
            tips,
            NextSteps(modelRule.Model, start));

        List<Finding> Findings(IEnumerable<PlaybookRule> rules) => rules
            .Select(rule => (rule, evidence: rule.When(a, partner)))
            .Where(x => x.evidence is not null)
            .Select(x => new Finding(x.rule.Id, x.rule.Title, x.rule.Text, x.evidence!.Cite(a, questionnaire)))
            .ToList();
    }

    public static string Headline(EngagementModel model) => model switch
    {
        EngagementModel.Cmo => "A manufacturing partner (CMO)",
        EngagementModel.Cdmo => "A development and manufacturing partner (CDMO)",
        _ => "A CDMO now, then a hand-over to manufacturing",
    };

    public static string Describe(Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };

    private static string Summary(EngagementModel model, LifecyclePhase start) => model switch
    {
        EngagementModel.Cmo => $"Your design is ready for production: a manufacturing partner can start with {Phases[start].InSentence} and produce it at scale.",
        EngagementModel.Cdmo => $"Bring in a development partner now, starting with {Phases[start].InSentence}, and keep the same partner through to production.",
        _ => $"Close what is still open with development-side help, starting with {Phases[start].InSentence}, then move into manufacturing.",
    };

    private static List<string> NextSteps(EngagementModel model, LifecyclePhase start) =>
    [
        start switch
        {
            LifecyclePhase.ProductDefinition => "Book a product definition workshop to turn the idea into requirements and an architecture.",
            LifecyclePhase.DesignAndDevelopment => "Share your current design and documentation for a design and manufacturability review.",
            LifecyclePhase.DesignTransfer => "Share your design history file (the record of how the design was developed, verified and validated) for a transfer assessment.",
            _ => "Request a manufacturing quote with your released drawings, specifications and volume forecast.",
        },
        (model, start) switch
        {
            (EngagementModel.Cmo, LifecyclePhase.ContractManufacturing) => "Talk to an expert about volumes, lead times and how production is qualified at the new site.",
            (EngagementModel.Cmo, _) => "Prepare drawings, specifications and volume forecasts for quoting.",
            _ => "Talk to an expert about scope, timeline and budget.",
        },
    ];

    /// <summary>The first rule that fires and its evidence; the last rule of each table always fires.</summary>
    private static (T Rule, Evidence Evidence) First<T>(IReadOnlyList<T> rules, Func<T, Evidence?> when)
    {
        foreach (var rule in rules)
        {
            if (when(rule) is { } evidence) return (rule, evidence);
        }
        throw new InvalidOperationException("The last rule of a table must always fire.");
    }
}
