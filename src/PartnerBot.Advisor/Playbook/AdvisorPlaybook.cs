using PartnerBot.Advisor.Questionnaire;
using static PartnerBot.Advisor.Playbook.Evidence;
using static PartnerBot.Advisor.Questionnaire.DesignMaturity;
using Q = PartnerBot.Advisor.Questionnaire.AssessmentQuestions;

namespace PartnerBot.Advisor.Playbook;

/// <summary>
/// The advisor's rules, in one place, in plain terms: which engagement model fits, where to start, which
/// services close the gaps, which risks the answers reveal and which tips to give. Each rule is a condition
/// written with <see cref="Evidence.If"/>, <see cref="Evidence.All"/> and <see cref="Evidence.Any"/> (so it
/// cites exactly the answers that made it fire) and the text the prospect reads. Change a rule here; nothing
/// else needs to change. The questions themselves are in <see cref="AssessmentQuestions"/>.
/// </summary>
public static class AdvisorPlaybook
{
    // ------------------------------------------------------------------------------------------------
    // Shared conditions
    // ------------------------------------------------------------------------------------------------

    /// <summary>
    /// A released product whose production simply moves or grows: regulatory side, quality system and
    /// specifications complete, and the prospect's own team stays responsible for the design.
    /// </summary>
    private static Evidence? ReadyForManufacturing(Assessment a) => All(
        If(a.Maturity is OnMarket, Q.Maturity),
        If(a.CurrentNeed is CurrentNeed.TransferManufacturing or CurrentNeed.SecondSource or CurrentNeed.ScaleUp, Q.CurrentNeed),
        If(a.RegulatoryStrategy is StrategyStatus.Yes, Q.RegulatoryStrategy),
        If(a.Qms is QmsStatus.Yes, Q.Qms),
        If(a.Specifications is DocumentationStatus.Complete, Q.Specifications),
        If(a.DesignOwner is DesignOwner.OurTeam, Q.DesignOwner));

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
    private static bool DesignOpen(Assessment a) => a.Maturity is not (Validated or OnMarket) || a.CurrentNeed is CurrentNeed.Redesign;

    private static Evidence? VerificationNotDone(Assessment a) => Any(
        If(a.Maturity is null or Concept or ProofOfConcept or DesignInProgress or DesignFrozen, Q.Maturity),
        If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed));

    /// <summary>The device needs electronics or software help: not in-house, and the device has (or may have) them.</summary>
    private static Evidence? NeedsElectronics(Assessment a) => All(
        Lacks(a, Capability.ElectronicsSoftware),
        If(a.HasElectronics is YesNoUnsure.Yes or YesNoUnsure.NotSure, Q.HasElectronics));

    private static Evidence? ClassThreeWithoutStrategyInDesign(Assessment a) =>
        All(If(a.Maturity is DesignInProgress, Q.Maturity), ClassThree(a), NoStrategy(a));

    /// <summary>The "not sure" answers: each lowers the confidence.</summary>
    private static Evidence? OpenAnswers(Assessment a) => Any(
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

    // ------------------------------------------------------------------------------------------------
    // Engagement model: the first rule that fires decides
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<ModelRule> ModelRules =
    [
        new("released-product-to-manufacturing", ReadyForManufacturing,
            EngagementModel.Cmo, Confidence.High,
            "Your device is on the market, its regulatory side and quality system are in place, its specifications are complete and your team stays responsible for the design. What you need is production capacity, and that is a manufacturing partner's (CMO's) job."),

        new("validated-cost-at-scale", a => All(
                If(a.Maturity is Validated, Q.Maturity),
                If(a.RegulatoryStrategy is StrategyStatus.Yes, Q.RegulatoryStrategy),
                If(a.Qms is QmsStatus.Yes, Q.Qms),
                If(a.Specifications is DocumentationStatus.Complete, Q.Specifications),
                If(a.DesignOwner is DesignOwner.OurTeam, Q.DesignOwner),
                If(a.Priority is Priority.CostAtScale, Q.Priority)),
            EngagementModel.Cmo, Confidence.High,
            "The design is validated, the regulatory strategy is defined, an ISO 13485 system runs, the specifications are complete, your team keeps responsibility for the design, and your goal is cost-efficient production at scale. That is what a manufacturing partner (CMO) does best."),

        new("marketed-redesign", a => All(If(a.Maturity is OnMarket, Q.Maturity), If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed)),
            EngagementModel.Cdmo, Confidence.High,
            "A redesign or next generation reopens design decisions, so development comes before manufacturing: a partner who does both (CDMO) fits."),

        new("late-design-with-gaps", a => All(
                If(a.Maturity is DesignFrozen or Validated or OnMarket, Q.Maturity),
                Any(
                    If(a.Maturity is DesignFrozen, Q.Maturity),
                    UnsettledStrategy(a),
                    If(a.Qms is QmsStatus.InProgress or QmsStatus.No or QmsStatus.NotSure, Q.Qms),
                    If(a.Specifications is DocumentationStatus.Partial or DocumentationStatus.Missing or DocumentationStatus.NotSure, Q.Specifications),
                    If(a.DesignOwner is DesignOwner.Partner or DesignOwner.NotDecided, Q.DesignOwner),
                    If(a.ManufacturabilityReview is YesNoUnsure.No or YesNoUnsure.NotSure, Q.ManufacturabilityReview))),
            EngagementModel.CdmoThenCmo, Confidence.High,
            "The design is far along, but a manufacturer expects a validated, fully documented design with a settled regulatory route and someone responsible for it, and the answers below show that part of this is still open. Close it with development-side help, then hand production over to manufacturing."),

        new("validated-other-priority", a => All(
                If(a.Maturity is Validated or OnMarket, Q.Maturity),
                If(a.Priority is not Priority.CostAtScale, Q.Priority)),
            EngagementModel.CdmoThenCmo, Confidence.Medium,
            "The design is ready to be produced, but your main goal is not production cost. Speed, lower risk and expertise are what a development partner adds, here around the transfer into production; once production runs, a manufacturing partner's focus on scale and efficiency fits."),

        new("early-design", a => If(a.Maturity is Concept or ProofOfConcept or DesignInProgress, Q.Maturity),
            EngagementModel.Cdmo, Confidence.High,
            "The product is still evolving. The decisions that fix risk, regulatory pathway, cost and manufacturability are made now, so a partner who develops it and later manufactures it (CDMO) fits."),

        new("maturity-unknown", _ => Always,
            EngagementModel.Cdmo, Confidence.Low,
            "Without a clear picture of the design's maturity, a development partner is the safer start: it can assess the design before anything is committed to production."),
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

    public static readonly IReadOnlyList<PhaseRule> PhaseRules =
    [
        new("released-product", ReadyForManufacturing, LifecyclePhase.ContractManufacturing,
            "Start in contract manufacturing: the product is released and its documentation is complete, so production can be set up from your released files. The new site still qualifies its equipment and processes before the first lots, as part of starting production."),
        new("redesign", a => All(If(a.Maturity is OnMarket, Q.Maturity), If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed)), LifecyclePhase.DesignAndDevelopment,
            "Start in design and development: the new version is designed, verified and validated before it moves into production."),
        new("class-three-strategy-first", ClassThreeWithoutStrategyInDesign, LifecyclePhase.ProductDefinition,
            "Start with product definition even though design work has begun: for a class III device the regulatory route decides the clinical evidence, the requirements and often the architecture, so it has to be settled before more is designed."),
        new("early-design", a => If(a.Maturity is Concept or ProofOfConcept, Q.Maturity), LifecyclePhase.ProductDefinition,
            "Start with product definition: with an idea or a proof of concept, the requirements, feasibility and system architecture come next."),
        new("design-in-progress", a => If(a.Maturity is DesignInProgress, Q.Maturity), LifecyclePhase.DesignAndDevelopment,
            "Start in design and development: the design is under way, so engineering, prototypes, design for manufacturing and verification come next."),
        new("verification-under-way", a => If(a.Maturity is DesignFrozen, Q.Maturity), LifecyclePhase.DesignAndDevelopment,
            "Start in design and development: verification is still under way and belongs to design and development. Design transfer follows once verification and validation are complete."),
        new("validated-design", a => If(a.Maturity is Validated or OnMarket, Q.Maturity), LifecyclePhase.DesignTransfer,
            "Start with design transfer: the design is validated, so what comes next is industrialization at the production site, with manufacturing documentation and process validation (evidence that the process makes good parts every time)."),
        new("maturity-unknown", _ => Always, LifecyclePhase.ProductDefinition,
            "Start with product definition: it is the place to find out where the design really stands."),
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
    // Services: one for every gap the answers reveal, whatever the starting phase
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<ServiceRule> ServiceRules =
    [
        new("product-definition", a => Any(If(a.Maturity is null or Concept or ProofOfConcept, Q.Maturity), ClassThreeWithoutStrategyInDesign(a)),
            "Product definition and system architecture"),
        new("engineering", a => All(If(DesignOpen(a)), Lacks(a, Capability.ProductEngineering)),
            "Product engineering and prototyping"),
        new("industrial-design", a => All(If(DesignOpen(a)), Lacks(a, Capability.IndustrialDesign)),
            "Industrial design and usability engineering"),
        new("electronics", a => All(If(DesignOpen(a)), NeedsElectronics(a)),
            "Electronics and embedded software development"),
        new("sustaining-engineering", a => All(If(!DesignOpen(a)), Any(Lacks(a, Capability.ProductEngineering), Lacks(a, Capability.IndustrialDesign), NeedsElectronics(a))),
            "Sustaining engineering for design changes after transfer"),
        new("design-for-manufacturing", a => Any(
                If(a.Maturity is null or Concept or ProofOfConcept or DesignInProgress, Q.Maturity),
                If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed),
                If(a.ManufacturabilityReview is YesNoUnsure.No or YesNoUnsure.NotSure, Q.ManufacturabilityReview)),
            "Design for manufacturing and assembly (DFM/DFA) reviews"),
        new("verification-and-validation", VerificationNotDone,
            "Testing, verification and validation"),
        new("regulatory-strategy", a => Any(
                UnsettledStrategy(a),
                If(a.EuClass is DeviceClass.NotSure, Q.EuClass),
                If(a.UsClass is DeviceClass.NotSure, Q.UsClass),
                If(a.Markets is TargetMarket.NotDecided, Q.Markets)),
            "Regulatory strategy: classification, approval route and standards"),
        new("regulatory-documentation", a => Lacks(a, Capability.RegulatoryAffairs),
            "Regulatory and technical documentation"),
        new("quality-system", a => Any(If(a.Qms is QmsStatus.InProgress or QmsStatus.No or QmsStatus.NotSure, Q.Qms), Lacks(a, Capability.QualityManagement)),
            "Development and production under the partner's ISO 13485 quality system"),
        new("documentation", a => If(a.Specifications is DocumentationStatus.Partial or DocumentationStatus.Missing or DocumentationStatus.NotSure, Q.Specifications),
            "Completing the specifications and manufacturing documentation (drawings, bill of materials, design history file)"),
        new("design-responsibility", a => If(a.DesignOwner is DesignOwner.Partner or DesignOwner.NotDecided, Q.DesignOwner),
            "Taking on design responsibility: design changes, risk management and the design history file"),
        new("design-transfer", a => ReadyForManufacturing(a) is null ? If(true, Q.Maturity) : null,
            "Design transfer and industrialization, including process validation (evidence that production makes good parts every time)"),
        new("supply-chain", a => Lacks(a, Capability.ManufacturingSupplyChain),
            "Supply chain setup and sourcing"),
        new("manufacturing", a => Always.Also(If(a.CurrentNeed is not null, Q.CurrentNeed), If(a.Volume is not null, Q.Volume)),
            "Scalable ISO 13485 manufacturing"),
    ];

    // ------------------------------------------------------------------------------------------------
    // Risks the answers reveal
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<RiskRule> RiskRules =
    [
        new("high-class-no-strategy", a => All(HighRiskClass(a), UnsettledStrategy(a)),
            "High-risk device without a settled regulatory strategy",
            "Class IIb and III devices need substantial clinical evidence and the most thorough notified-body review in the EU, and a US class III device usually needs a PMA. Plan the route from the start: settling it late means redesign and delay."),
        new("no-regulatory-strategy", a => HighRiskClass(a) is null ? NoStrategy(a)?.Also(If(a.EuClass is not null, Q.EuClass), If(a.UsClass is not null, Q.UsClass)) : null,
            "No regulatory strategy yet",
            "The regulatory pathway shapes requirements, testing, documentation and timeline, so it should be settled early. In the EU a notified body must review every device from class IIa up, and class I devices that are sterile, measure or are reusable surgical instruments; that review takes time to plan."),
        new("class-unknown", a => Any(If(a.EuClass is DeviceClass.NotSure, Q.EuClass), If(a.UsClass is DeviceClass.NotSure, Q.UsClass)),
            "Device class not known yet",
            "The class decides the approval route and the evidence needed (a notified body in the EU, a 510(k) or PMA in the US); without it, cost and timeline can't be planned reliably. A short regulatory assessment is the first thing to do."),
        new("market-undecided", a => If(a.Markets is TargetMarket.NotDecided, Q.Markets),
            "Target market not decided",
            "The market decides the regulatory framework (MDR or FDA) and with it testing, documentation and timeline."),
        new("no-qms-near-launch", a => All(If(a.Qms is QmsStatus.InProgress or QmsStatus.No or QmsStatus.NotSure, Q.Qms), If(a.Launch is LaunchTimeline.Within12Months, Q.Launch)),
            "No certified quality system, launch within 12 months",
            "A medical device is placed on the market under a working, audited quality system. Building one and getting it certified takes longer than most teams expect, even once it is being set up; a partner's certified system can carry development and production meanwhile."),
        new("no-manufacturability-review", a => All(
                If(a.Maturity is DesignFrozen or Validated, Q.Maturity),
                If(a.ManufacturabilityReview is YesNoUnsure.No or YesNoUnsure.NotSure, Q.ManufacturabilityReview))
                ?.Also(If(a.Volume is AnnualVolume.From10kTo100k or AnnualVolume.Over100k, Q.Volume)),
            "Design not reviewed for manufacturing",
            "Changes to a locked design are expensive, the more so at high volume. A DFM/DFA review before the design is transferred finds them while they are still cheap."),
        new("design-owner-undecided", a => If(a.DesignOwner is DesignOwner.NotDecided, Q.DesignOwner),
            "Nobody is responsible for the design yet",
            "Whoever is responsible for the design decides on changes, risk management and the documentation. A manufacturer needs that settled before production starts."),
        new("ambitious-timeline", a => All(If(a.Launch is LaunchTimeline.Within12Months, Q.Launch), If(a.Maturity is Concept or ProofOfConcept, Q.Maturity)),
            "Very ambitious timeline",
            "Going from concept to a marketed medical device in under a year is rarely possible; plan the regulatory route first and expect a longer path."),
        new("many-open-questions", a => CountNotSure(a) >= 3 ? OpenAnswers(a) : null,
            "Many open questions",
            "Several basics are still open. That is normal early on, but the recommendation will sharpen once they are answered; a product definition phase is the place to do it."),
    ];

    // ------------------------------------------------------------------------------------------------
    // Partnership tips (from the organization, location and readiness answers)
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<TipRule> TipRules =
    [
        new("startup-capital", a => If(a.Organization is Organization.Startup, Q.Organization),
            "As a startup, a development partner lets you reach milestones without building a full team first: capital goes into the product, not into fixed headcount you may have to cut later."),
        new("enterprise-speed", a => If(a.Organization is Organization.Enterprise, Q.Organization),
            "Working inside the partner's established quality system for a while usually saves larger companies the most time; agree early on whose procedures apply and when the project moves into yours."),
        new("sme-focus", a => If(a.Organization is Organization.GrowingSme, Q.Organization),
            "Keep your own team on what differentiates you and let the partner cover the gaps; a clear split of responsibilities avoids duplicated work."),
        new("far-time-zone", (a, partner) => If(a.Location is { } region && partner.Regions.Count > 0 && !partner.Regions.Contains(region), Q.Location),
            "Agree on a few hours of overlap each week; working across distant time zones goes well with fixed review slots, and distance is no obstacle to a good partnership."),
        new("same-region", (a, partner) => If(a.Location is { } region and not Region.Other && partner.Regions.Contains(region), Q.Location),
            "Our team works in your region, so workshops, prototype reviews and supplier visits in person are easy to arrange when they help."),
        new("check-regulatory-self-assessment", a => All(Has(a, Capability.RegulatoryAffairs), NoStrategy(a)),
            "You have regulatory affairs in-house but no defined strategy yet. It's worth checking, without judgement, whether the team has taken a device like this one through this route before, or whether a second opinion would help."),
        new("check-quality-self-assessment", a => All(Has(a, Capability.QualityManagement), If(a.Qms is QmsStatus.No or QmsStatus.NotSure, Q.Qms)),
            "You have quality management in-house but no ISO 13485 system yet. Check honestly whether the team has built and certified one before; if not, the partner's system can carry the project meanwhile."),
        new("know-your-gaps", a => If(a.KnowsCompetenciesAndGaps is ReadinessLevel.No or ReadinessLevel.Partly, Q.KnowsCompetenciesAndGaps),
            "List what your team does best and where it needs help before the first workshop; it makes the split of work clear from day one."),
        new("align-teams", a => If(a.TeamsAligned is ReadinessLevel.No or ReadinessLevel.Partly, Q.TeamsAligned),
            "Get leadership, engineering and marketing to agree on goals and priorities before engaging a partner; misalignment shows up later as changing requirements."),
        new("product-vision", a => If(a.ClearProductVision is ReadinessLevel.No or ReadinessLevel.Partly, Q.ClearProductVision),
            "Write down who uses the device, for what, and what success looks like; a short product vision is the best input for product definition."),
        new("open-to-challenge", a => If(a.OpenToChallenge is ReadinessLevel.No or ReadinessLevel.Partly, Q.OpenToChallenge),
            "The best partnerships question assumptions early; expect the partner to challenge requirements, and decide beforehand how you will settle disagreements."),
        new("bring-in-specialists", a => If(a.BringsInSpecialists is ReadinessLevel.No or ReadinessLevel.Partly, Q.BringsInSpecialists),
            "Name the few technical or regulatory problems that could stop the project, and bring in specialists for exactly those first; focused outside expertise takes risk out fastest."),
        new("calculated-risk", a => If(a.CalculatedRisk is ReadinessLevel.No or ReadinessLevel.Partly, Q.CalculatedRisk),
            "Agree inside the company how mature the product must be at first sale. Validating everything to a large corporation's level before the first sale can use up a young company's money; take calculated risks without cutting quality or regulatory corners."),
    ];

    // ------------------------------------------------------------------------------------------------
    // The recommendation
    // ------------------------------------------------------------------------------------------------

    /// <param name="partner">Where the partner is (from the settings); unknown gives no tip about distance.</param>
    public static Recommendation Recommend(Assessment a, PartnerProfile? partner = null)
    {
        partner ??= PartnerProfile.Unknown;
        var questionnaire = AssessmentQuestions.All;
        var (modelRule, modelEvidence) = First(ModelRules, rule => rule.When(a));
        var (phaseRule, phaseEvidence) = First(PhaseRules, rule => rule.When(a));
        var confidence = AdjustConfidence(modelRule.Confidence, a);
        var start = phaseRule.Start;
        var phases = Enum.GetValues<LifecyclePhase>().Where(p => p >= start).ToList();

        var services = ServiceRules
            .Select(rule => (rule, evidence: rule.When(a)))
            .Where(x => x.evidence is not null)
            .Select(x => new ServiceLine(x.rule.Id, x.rule.Service, x.evidence!.Cite(a, questionnaire)))
            .ToList();
        var risks = RiskRules
            .Select(rule => (rule, evidence: rule.When(a)))
            .Where(x => x.evidence is not null)
            .Select(x => new Risk(x.rule.Id, x.rule.Title, x.rule.Detail, x.evidence!.Cite(a, questionnaire)))
            .ToList();
        var tips = TipRules.Where(rule => rule.When(a, partner) is not null).Select(rule => rule.Tip).ToList();

        var reasons = new List<Reason>
        {
            new(modelRule.Id, modelRule.Explanation, modelEvidence.Cite(a, questionnaire)),
            new(phaseRule.Id, phaseRule.Explanation, phaseEvidence.Cite(a, questionnaire)),
        };
        if (confidence != modelRule.Confidence && OpenAnswers(a) is { } open)
        {
            reasons.Add(new("confidence",
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
