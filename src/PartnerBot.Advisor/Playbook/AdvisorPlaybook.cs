using PartnerBot.Advisor.Questionnaire;
using static PartnerBot.Advisor.Questionnaire.DesignMaturity;

namespace PartnerBot.Advisor.Playbook;

/// <summary>
/// The advisor's rules, in one place, in plain terms: when a question is asked, which engagement model fits,
/// where to start, which services close the gaps, which risks the answers reveal and which tips to give.
/// Every rule carries its explanation and the answers it relies on (by question id, see AssessmentQuestions),
/// so the prospect and sales can see why. Change a rule here; nothing else needs to change.
/// </summary>
public static class AdvisorPlaybook
{
    // ------------------------------------------------------------------------------------------------
    // When a question is asked
    // ------------------------------------------------------------------------------------------------

    /// <summary>The EU class matters for the EU, and as the stricter default while the market is open.</summary>
    public static bool AsksEuClass(Assessment a) => a.Markets is TargetMarket.Eu or TargetMarket.EuAndUs or TargetMarket.Other or TargetMarket.NotDecided;

    public static bool AsksUsClass(Assessment a) => a.Markets is TargetMarket.Us or TargetMarket.EuAndUs;

    /// <summary>A device already on the market has no launch date; it is asked what it needs now instead.</summary>
    public static bool AsksLaunch(Assessment a) => a.Maturity is not OnMarket;

    public static bool AsksCurrentNeed(Assessment a) => a.Maturity is OnMarket;

    public static bool AsksReadiness(Assessment a) => a.WantsReadinessQuestions == true;

    // ------------------------------------------------------------------------------------------------
    // Engagement model: the first rule that matches decides
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<ModelRule> ModelRules =
    [
        new("marketed-transfer", a => a.Maturity is OnMarket && a.CurrentNeed is CurrentNeed.TransferManufacturing or CurrentNeed.SecondSource or CurrentNeed.ScaleUp
                && a.RegulatoryStrategy is StrategyStatus.Yes && a.Qms is QmsStatus.Yes,
            EngagementModel.Cmo, Confidence.High,
            "The device is on the market with its regulatory file and quality system in place, and what is needed is production capacity: a manufacturing partner (CMO) fits.",
            "maturity", "currentNeed", "regulatoryStrategy", "qms"),

        new("validated-ready-for-cmo", a => a.Maturity is Validated or OnMarket && a.CurrentNeed is not CurrentNeed.Redesign
                && a.RegulatoryStrategy is StrategyStatus.Yes && a.Qms is QmsStatus.Yes
                && a.Priority is Priority.CostAtScale or Priority.TimeToMarket,
            EngagementModel.Cmo, Confidence.High,
            "The design is verified and validated, the regulatory strategy is defined and an ISO 13485 system runs, and the goal is efficient production: that is what a CMO does best.",
            "maturity", "regulatoryStrategy", "qms", "priority"),

        new("marketed-redesign", a => a.Maturity is OnMarket && a.CurrentNeed is CurrentNeed.Redesign,
            EngagementModel.Cdmo, Confidence.High,
            "A redesign or next generation reopens design decisions, so development expertise is needed before manufacturing.",
            "maturity", "currentNeed"),

        new("late-design-with-gaps", a => a.Maturity is DesignFrozen or Validated or OnMarket,
            EngagementModel.CdmoThenCmo, Confidence.High,
            "The design is far along, but something a pure manufacturer expects is still missing (regulatory strategy, quality system, verification or manufacturing readiness). Close those gaps with development-side help, then hand over to manufacturing.",
            "maturity", "regulatoryStrategy", "qms", "priority"),

        new("early-design", a => a.Maturity is Concept or ProofOfConcept or DesignInProgress,
            EngagementModel.Cdmo, Confidence.High,
            "The product is still evolving. The decisions that fix risk, regulatory path, cost and manufacturability are made now, so a partner who develops and later manufactures (CDMO) fits.",
            "maturity"),

        new("maturity-unknown", _ => true,
            EngagementModel.Cdmo, Confidence.Low,
            "Without a clear picture of the design's maturity, a development partner is the safer start: it can assess the design before anything is committed to production.",
            "maturity"),
    ];

    /// <summary>Answers of "not sure" lower the confidence: the model may change once they are known.</summary>
    public static Confidence AdjustConfidence(Confidence confidence, Assessment a)
    {
        var unsure = CountNotSure(a);
        return unsure switch
        {
            >= 3 => Confidence.Low,
            >= 1 when confidence == Confidence.High => Confidence.Medium,
            _ => confidence,
        };
    }

    public static int CountNotSure(Assessment a) =>
        new[]
        {
            a.Markets is TargetMarket.NotDecided,
            a.EuClass is DeviceClass.NotSure,
            a.UsClass is DeviceClass.NotSure,
            a.RegulatoryStrategy is StrategyStatus.NotSure,
            a.Qms is QmsStatus.NotSure,
            a.Volume is AnnualVolume.NotSure,
            a.Launch is LaunchTimeline.NotSure,
        }.Count(unsure => unsure);

    // ------------------------------------------------------------------------------------------------
    // Where to start: the lifecycle phase, from the design's maturity
    // ------------------------------------------------------------------------------------------------

    public static LifecyclePhase StartingPhase(Assessment a, EngagementModel model) => a.Maturity switch
    {
        Concept or ProofOfConcept => LifecyclePhase.ProductDefinition,
        DesignInProgress => LifecyclePhase.DesignAndDevelopment,
        // Verification is still part of design and development; with strategy and QMS in place it is nearly done.
        DesignFrozen when a.RegulatoryStrategy is StrategyStatus.Yes && a.Qms is QmsStatus.Yes => LifecyclePhase.DesignTransfer,
        DesignFrozen => LifecyclePhase.DesignAndDevelopment,
        OnMarket when a.CurrentNeed is CurrentNeed.Redesign => LifecyclePhase.DesignAndDevelopment,
        // Even a validated design moves into a new factory through a transfer (process validation).
        Validated or OnMarket => LifecyclePhase.DesignTransfer,
        _ => model == EngagementModel.Cmo ? LifecyclePhase.DesignTransfer : LifecyclePhase.ProductDefinition,
    };

    /// <summary>The four lifecycle phases as the prospect reads them: code, name, and what starting there means.</summary>
    public static readonly IReadOnlyDictionary<LifecyclePhase, PhaseInfo> Phases = new Dictionary<LifecyclePhase, PhaseInfo>
    {
        [LifecyclePhase.ProductDefinition] = new("PD", "Product Definition",
            "Start with product definition: requirements, feasibility and the system architecture."),
        [LifecyclePhase.DesignAndDevelopment] = new("DD", "Design & Development",
            "Start in design and development: engineering, prototypes, design for manufacturing and verification."),
        [LifecyclePhase.DesignTransfer] = new("DT", "Design Transfer",
            "Start with design transfer: industrialization, manufacturing documentation and process validation."),
        [LifecyclePhase.ContractManufacturing] = new("CM", "Contract Manufacturing",
            "Start with contract manufacturing under ISO 13485."),
    };

    // ------------------------------------------------------------------------------------------------
    // Services: what closes the gaps the prospect named (only phases in scope are offered)
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<ServiceRule> ServiceRules =
    [
        new("define-product", a => a.Maturity is Concept or ProofOfConcept or null,
            "Product definition and system architecture", LifecyclePhase.ProductDefinition, "maturity"),
        new("no-engineering", a => Lacks(a, Capability.ProductEngineering),
            "Product engineering and prototyping", LifecyclePhase.DesignAndDevelopment, "capabilities"),
        new("no-industrial-design", a => Lacks(a, Capability.IndustrialDesign),
            "Industrial design and usability engineering", LifecyclePhase.DesignAndDevelopment, "capabilities"),
        new("no-electronics", a => Lacks(a, Capability.ElectronicsSoftware),
            "Electronics and embedded software development", LifecyclePhase.DesignAndDevelopment, "capabilities"),
        new("design-for-manufacturing", a => a.Maturity is not (Validated or OnMarket) || a.CurrentNeed is CurrentNeed.Redesign,
            "Design for manufacturing and assembly (DFM/DFA) reviews", LifecyclePhase.DesignAndDevelopment, "maturity"),
        new("verify-and-validate", a => a.Maturity is DesignInProgress or DesignFrozen || a.CurrentNeed is CurrentNeed.Redesign,
            "Testing, verification and validation", LifecyclePhase.DesignAndDevelopment, "maturity"),
        new("no-regulatory", a => Lacks(a, Capability.RegulatoryAffairs) || a.RegulatoryStrategy is not StrategyStatus.Yes,
            "Regulatory strategy and technical documentation", LifecyclePhase.DesignAndDevelopment, "capabilities", "regulatoryStrategy"),
        new("no-quality-system", a => Lacks(a, Capability.QualityManagement) || a.Qms is not QmsStatus.Yes,
            "Development and production inside the partner's ISO 13485 quality system", LifecyclePhase.DesignAndDevelopment, "capabilities", "qms"),
        new("transfer", a => true,
            "Design transfer and industrialization", LifecyclePhase.DesignTransfer, "maturity"),
        new("no-manufacturing", a => Lacks(a, Capability.ManufacturingSupplyChain),
            "Supply chain setup and sourcing", LifecyclePhase.DesignTransfer, "capabilities"),
        new("manufacture", a => true,
            "Scalable ISO 13485 manufacturing", LifecyclePhase.ContractManufacturing, "volume"),
    ];

    private static bool Lacks(Assessment a, Capability capability) => a.Capabilities is { } have && !have.Contains(capability);

    // ------------------------------------------------------------------------------------------------
    // Risks the answers reveal
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<RiskRule> RiskRules =
    [
        new("high-class-no-strategy", a => IsHighRiskClass(a) && a.RegulatoryStrategy is StrategyStatus.No or StrategyStatus.NotSure or StrategyStatus.Partly,
            "High-risk device without a settled regulatory strategy",
            "Class IIb/III devices need clinical evidence and a notified body or PMA route planned from the start; deciding it late means redesign and delay.",
            "euClass", "usClass", "regulatoryStrategy"),
        new("no-qms-near-launch", a => a.Qms is QmsStatus.No or QmsStatus.NotSure && a.Launch is LaunchTimeline.Within12Months,
            "No quality system, launch within 12 months",
            "Building an ISO 13485 system and its records takes longer than most teams expect; a partner's certified system can carry development and production meanwhile.",
            "qms", "launch"),
        new("regulatory-unclear", a => a.RegulatoryStrategy is StrategyStatus.NotSure || a.EuClass is DeviceClass.NotSure || a.UsClass is DeviceClass.NotSure,
            "The regulatory picture is unclear",
            "Without a classification and pathway, cost and timeline cannot be planned reliably. A short regulatory assessment is the first thing to do.",
            "euClass", "usClass", "regulatoryStrategy"),
        new("market-undecided", a => a.Markets is TargetMarket.NotDecided,
            "Target market not decided",
            "The market decides the regulatory framework (MDR or FDA) and with it testing, documentation and timeline.",
            "markets"),
        new("volume-without-dfm", a => a.Volume is AnnualVolume.From10kTo100k or AnnualVolume.Over100k
                && a.Maturity is DesignFrozen or Validated && Lacks(a, Capability.ManufacturingSupplyChain),
            "High volume, but the design may not be ready for it",
            "A design frozen without a manufacturability review often needs changes when production scales; an early DFM/DFA review is much cheaper than a late change.",
            "volume", "maturity", "capabilities"),
        new("frozen-without-manufacturing", a => a.Maturity is DesignFrozen && Lacks(a, Capability.ManufacturingSupplyChain)
                && a.Volume is not (AnnualVolume.From10kTo100k or AnnualVolume.Over100k),
            "Frozen design never reviewed for manufacturing",
            "Without in-house manufacturing experience, the frozen design should get a manufacturability review before verification ends.",
            "maturity", "capabilities"),
        new("ambitious-timeline", a => a.Launch is LaunchTimeline.Within12Months && a.Maturity is Concept or ProofOfConcept,
            "Very ambitious timeline",
            "Going from concept to a marketed medical device in under a year is rarely possible; plan the regulatory route first and expect a longer path.",
            "launch", "maturity"),
        new("many-open-questions", a => CountNotSure(a) >= 3,
            "Many open questions",
            "Several basics are still open. That is normal early on, but the recommendation will sharpen once they are answered; a product definition phase is the place to do it.",
            "markets", "euClass", "usClass", "regulatoryStrategy", "qms", "volume", "launch"),
    ];

    private static bool IsHighRiskClass(Assessment a) => a.EuClass is DeviceClass.EuIIb or DeviceClass.EuIII || a.UsClass is DeviceClass.UsIII;

    // ------------------------------------------------------------------------------------------------
    // Partnership tips (from the organization, location and readiness answers)
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<TipRule> TipRules =
    [
        new("startup-capital", a => a.Organization is Organization.Startup,
            "As a startup, a development partner lets you reach milestones without building a full team first: capital goes into the product, not into fixed headcount.",
            "organization"),
        new("enterprise-speed", a => a.Organization is Organization.Enterprise,
            "Working inside the partner's established quality system and processes usually saves the most time for larger companies; agree early on whose procedures apply.",
            "organization"),
        new("sme-focus", a => a.Organization is Organization.GrowingSme,
            "Keep your own team on what differentiates you and let the partner cover the gaps; a clear split of responsibilities avoids duplicated work.",
            "organization"),
        new("far-time-zone", a => a.Location is Region.AsiaPacific or Region.Other,
            "Agree on a few hours of overlap each week; working across distant time zones goes well with fixed review slots.",
            "location"),
        new("know-your-gaps", a => a.KnowsCompetenciesAndGaps is ReadinessLevel.No or ReadinessLevel.Partly,
            "List what your team does best and where it needs help before the first workshop; it makes the split of work clear from day one.",
            "knowsGaps"),
        new("align-teams", a => a.TeamsAligned is ReadinessLevel.No or ReadinessLevel.Partly,
            "Get leadership, engineering and marketing to agree on goals and priorities before engaging a partner; misalignment shows up later as changing requirements.",
            "teamsAligned"),
        new("product-vision", a => a.ClearProductVision is ReadinessLevel.No or ReadinessLevel.Partly,
            "Write down who uses the device, for what, and what success looks like; a short product vision is the best input for product definition.",
            "productVision"),
        new("open-to-challenge", a => a.OpenToChallenge is ReadinessLevel.No or ReadinessLevel.Partly,
            "The best partnerships question assumptions early; expect the partner to challenge requirements, and decide beforehand how you will settle disagreements.",
            "openToChallenge"),
    ];

    // ------------------------------------------------------------------------------------------------
    // The recommendation
    // ------------------------------------------------------------------------------------------------

    public static Recommendation Recommend(Assessment a)
    {
        var modelRule = ModelRules.First(rule => rule.When(a));
        var confidence = AdjustConfidence(modelRule.Confidence, a);
        var start = StartingPhase(a, modelRule.Model);
        var phases = Enum.GetValues<LifecyclePhase>().Where(p => p >= start).ToList();

        var services = ServiceRules.Where(rule => phases.Contains(rule.Phase) && rule.When(a)).ToList();
        var risks = RiskRules.Where(rule => rule.When(a)).Select(rule => new Risk(rule.Id, rule.Title, rule.Detail, Cite(a, rule.Cites))).ToList();
        var tips = TipRules.Where(rule => rule.When(a)).ToList();

        var reasons = new List<Reason>
        {
            new(modelRule.Id, modelRule.Explanation, Cite(a, modelRule.Cites)),
            new("starting-phase", Phases[start].Explanation, Cite(a, "maturity", "regulatoryStrategy", "qms", "currentNeed")),
        };
        var gapServices = services.Where(rule => rule.Cites.Contains("capabilities")).ToList();
        if (gapServices.Count > 0)
        {
            reasons.Add(new("capability-gaps",
                "The services listed close the gaps in what your team has in-house: " + string.Join(", ", gapServices.Select(s => s.Service.ToLowerInvariant())) + ".",
                Cite(a, "capabilities")));
        }
        if (confidence != modelRule.Confidence)
        {
            reasons.Add(new("confidence", $"Confidence is {confidence.ToString().ToLowerInvariant()} because {CountNotSure(a)} answer(s) are still open; the picture may change once they are known.",
                Cite(a, "markets", "euClass", "usClass", "regulatoryStrategy", "qms", "volume", "launch")));
        }

        return new Recommendation(
            modelRule.Model,
            confidence,
            Headline(modelRule.Model),
            Summary(modelRule.Model, start),
            start,
            phases,
            services.Select(s => s.Service).ToList(),
            risks,
            reasons,
            tips.Select(t => t.Tip).ToList(),
            NextSteps(modelRule.Model, start));
    }

    public static string Headline(EngagementModel model) => model switch
    {
        EngagementModel.Cmo => "A manufacturing partner (CMO)",
        EngagementModel.Cdmo => "A development and manufacturing partner (CDMO)",
        _ => "A CDMO now, then a hand-over to manufacturing",
    };

    private static string Summary(EngagementModel model, LifecyclePhase start) => model switch
    {
        EngagementModel.Cmo => $"Your design is ready for production: a manufacturing partner can take it from {Phases[start].Name.ToLowerInvariant()} into certified production.",
        EngagementModel.Cdmo => $"Bring a development partner in now, starting with {Phases[start].Name.ToLowerInvariant()}, and keep the same partner through to production.",
        _ => $"Close the remaining gaps with development-side help, starting with {Phases[start].Name.ToLowerInvariant()}, then move into manufacturing.",
    };

    private static List<string> NextSteps(EngagementModel model, LifecyclePhase start) =>
    [
        start switch
        {
            LifecyclePhase.ProductDefinition => "Book a product definition workshop to turn the idea into requirements and an architecture.",
            LifecyclePhase.DesignAndDevelopment => "Share your current design and documentation for a design and manufacturability review.",
            LifecyclePhase.DesignTransfer => "Share your design history file for a transfer assessment.",
            _ => "Request a manufacturing quote with your specifications and volumes.",
        },
        model == EngagementModel.Cmo
            ? "Prepare drawings, specifications and volume forecasts for quoting."
            : "Talk to an expert about scope, timeline and budget.",
    ];

    private static IReadOnlyList<string> Cite(Assessment a, params string[] questionIds) =>
        questionIds
            .Select(AssessmentQuestions.Slot)
            .Select(slot => slot.Describe(a) is { } answer ? $"{slot.Label}: {answer}" : null)
            .OfType<string>()
            .ToList();
}
