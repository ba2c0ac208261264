using PartnerBot.Advisor.Questionnaire;
using static PartnerBot.Advisor.Playbook.Evidence;
using static PartnerBot.Advisor.Questionnaire.DesignMaturity;
using Q = PartnerBot.Advisor.Questionnaire.AssessmentQuestions;

namespace PartnerBot.Advisor.Playbook;

/// <summary>The services, risks and partnership tips of <see cref="AdvisorPlaybook"/>: what the answers reveal beyond the model and the start.</summary>
public static partial class AdvisorPlaybook
{
    // ------------------------------------------------------------------------------------------------
    // Services: one for every gap the answers reveal, whatever the starting phase
    // ------------------------------------------------------------------------------------------------

    /// <summary>Why a regulatory strategy is offered, whatever the market.</summary>
    private static Evidence? StrategyNeeded(Assessment a) => Any(UnsettledStrategy(a), RegulatoryBasicsOpen(a));

    public static readonly IReadOnlyList<PlaybookRule> ServiceRules =
    [
        new("product-definition", a => Any(If(MaturityUnknown(a) || a.Maturity is Concept or ProofOfConcept, Q.Maturity), ClassThreeWithoutStrategyInDesign(a)),
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
                If(MaturityUnknown(a) || a.Maturity is Concept or ProofOfConcept or DesignInProgress, Q.Maturity),
                If(a.CurrentNeed is CurrentNeed.Redesign, Q.CurrentNeed),
                If(a.ManufacturabilityReview is YesNoUnsure.No or YesNoUnsure.NotSure, Q.ManufacturabilityReview))
                ?.Also(If(a.Volume is AnnualVolume.From10kTo100k or AnnualVolume.Over100k, Q.Volume)),
            "Design for manufacturing and assembly (DFM/DFA) reviews"),
        new("verification-and-validation", VerificationNotDone,
            "Testing, verification and validation"),
        new("design-validation", a => If(a.Maturity is VerificationComplete, Q.Maturity),
            "Design validation on production-equivalent units, alongside the transfer"),
        new("regulatory-strategy-eu", a => All(StrategyNeeded(a), EuOnly(a)),
            "Regulatory strategy under the EU MDR: classification, the conformity assessment route with a notified body, and the harmonised standards"),
        new("regulatory-strategy-us", a => All(StrategyNeeded(a), UsOnly(a)),
            "Regulatory strategy for the FDA: classification, the 510(k), De Novo or PMA route, and the recognized standards"),
        new("regulatory-strategy-eu-us", a => All(StrategyNeeded(a), BothMarkets(a)),
            "Regulatory strategy for the EU and the US together: MDR classification and notified body, the FDA route (510(k), De Novo or PMA), and one test plan for both"),
        new("regulatory-strategy", a => All(StrategyNeeded(a), OtherOrOpenMarket(a)),
            "Regulatory strategy: classification, approval route and standards for each market you aim for"),
        new("regulatory-documentation", a => Lacks(a, Capability.RegulatoryAffairs),
            "Regulatory and technical documentation"),
        new("quality-system", a => Any(QmsGap(a), Lacks(a, Capability.QualityManagement)),
            "Development and production under the partner's ISO 13485 quality system"),
        new("documentation", a => If(a.Specifications is DocumentationStatus.Partial or DocumentationStatus.Missing or DocumentationStatus.NotSure, Q.Specifications),
            "Completing the specifications and manufacturing documentation (drawings, bill of materials, design history file)"),
        new("design-responsibility", a => If(a.DesignOwner is DesignOwner.Partner or DesignOwner.NotDecided, Q.DesignOwner),
            "Taking on design responsibility: design changes, risk management and the design history file"),
        new("design-transfer", NotReadyForManufacturing,
            "Design transfer and industrialization, including process validation (evidence that production makes good parts every time)"),
        new("supply-chain", a => Lacks(a, Capability.ManufacturingSupplyChain),
            "Supply chain setup and sourcing"),
        new("high-volume-production", a => If(a.Volume is AnnualVolume.Over100k, Q.Volume),
            "Automated high-volume production: line design, automation and tooling sized for your volume"),
        new("manufacturing", a => Always.Also(If(a.CurrentNeed is not null, Q.CurrentNeed), If(a.Volume is not null, Q.Volume)),
            "Scalable ISO 13485 manufacturing"),
    ];

    // ------------------------------------------------------------------------------------------------
    // Risks the answers reveal
    // ------------------------------------------------------------------------------------------------

    public static readonly IReadOnlyList<PlaybookRule> RiskRules =
    [
        new("eu-class-iii-no-strategy", a => All(If(EuFacing(a) && a.EuClass is DeviceClass.EuIII, Q.EuClass), UnsettledStrategy(a)),
            "Under the EU MDR a notified body assesses a class III device in full, including its technical documentation, and clinical investigations are usually needed to show safety and performance; for implantable class III devices, an expert panel is also consulted on the clinical evaluation. " + SettleTheRouteNow)
            { Title = "EU class III device without a settled regulatory strategy" },
        new("eu-class-iib-no-strategy", a => All(If(EuFacing(a) && a.EuClass is DeviceClass.EuIIb, Q.EuClass), UnsettledStrategy(a)),
            "Under the EU MDR a notified body audits the quality system of a class IIb device and assesses its technical documentation (for implantable class IIb devices, that of every device), and the clinical evaluation must support every claim. " + SettleTheRouteNow)
            { Title = "EU class IIb device without a settled regulatory strategy" },
        new("us-class-iii-no-strategy", a => All(If(UsFacing(a) && a.UsClass is DeviceClass.UsIII, Q.UsClass), UnsettledStrategy(a)),
            "A US class III device usually needs premarket approval (PMA), the FDA's most demanding review: normally with clinical data from a study under an investigational device exemption (IDE), and an inspection of manufacturing before approval. " + SettleTheRouteNow)
            { Title = "US class III device without a settled regulatory strategy" },
        new("no-regulatory-strategy-eu", a => HighRiskClass(a) is null ? All(If(a.RegulatoryStrategy is StrategyStatus.No, Q.RegulatoryStrategy), EuOnly(a))?.Also(If(a.EuClass is not null, Q.EuClass)) : null,
            "The regulatory route shapes requirements, testing, documentation and timeline, so settle it before anything else moves on. Under the EU MDR a notified body must assess every device from class IIa up, and class I devices that are sterile, measure or are reusable surgical instruments; that assessment takes time to plan.")
            { Title = "No regulatory strategy yet" },
        new("no-regulatory-strategy-us", a => HighRiskClass(a) is null ? All(If(a.RegulatoryStrategy is StrategyStatus.No, Q.RegulatoryStrategy), UsOnly(a))?.Also(If(a.UsClass is not null, Q.UsClass)) : null,
            "The regulatory route shapes requirements, testing, documentation and timeline, so settle it before anything else moves on. For the FDA that starts with the device's classification: most class I devices are exempt from review, class II usually needs a 510(k) against a predicate device, a novel low- or moderate-risk device without one goes through De Novo, and class III needs a PMA.")
            { Title = "No regulatory strategy yet" },
        new("no-regulatory-strategy-eu-us", a => HighRiskClass(a) is null ? All(If(a.RegulatoryStrategy is StrategyStatus.No, Q.RegulatoryStrategy), BothMarkets(a))?.Also(If(a.EuClass is not null, Q.EuClass), If(a.UsClass is not null, Q.UsClass)) : null,
            "The regulatory route shapes requirements, testing, documentation and timeline, so settle it before anything else moves on, for both markets at once: under the EU MDR a notified body assesses every device from class IIa up (and sterile or measuring class I devices), and the FDA route is a 510(k), De Novo or PMA. Planned together, one set of tests can serve both.")
            { Title = "No regulatory strategy yet" },
        new("no-regulatory-strategy", a => HighRiskClass(a) is null ? All(If(a.RegulatoryStrategy is StrategyStatus.No, Q.RegulatoryStrategy), OtherOrOpenMarket(a)) : null,
            "The regulatory route shapes requirements, testing, documentation and timeline, so settle it before anything else moves on, for each market you aim for.")
            { Title = "No regulatory strategy yet" },
        new("regulatory-strategy-unknown", a => HighRiskClass(a) is null ? If(a.RegulatoryStrategy is StrategyStatus.NotSure, Q.RegulatoryStrategy) : null,
            "Whether a regulatory strategy exists is not known yet. Find out what has been decided (classification, route, standards) before planning further: it shapes requirements, testing and timeline.")
            { Title = "Regulatory strategy not confirmed" },
        new("class-unknown-eu", a => If(EuFacing(a) && a.EuClass is DeviceClass.NotSure, Q.EuClass),
            "The class decides the conformity assessment route (whether and how a notified body is involved) and the clinical evidence needed; without it, cost and timeline can't be planned reliably. Classifying the device against the MDR's rules is the first thing to do.")
            { Title = "EU device class not known yet" },
        new("class-unknown-us", a => If(UsFacing(a) && a.UsClass is DeviceClass.NotSure, Q.UsClass),
            "The FDA class decides the route (exempt, 510(k), De Novo or PMA) and the evidence needed; without it, cost and timeline can't be planned reliably. Finding the device's classification regulation, or a predicate device, is the first thing to do.")
            { Title = "FDA device class not known yet" },
        new("class-unknown", a => If(!EuFacing(a) && !UsFacing(a) && a.EuClass is DeviceClass.NotSure, Q.EuClass),
            "The class decides the approval route and the evidence needed in each market; without it, cost and timeline can't be planned reliably. A short regulatory assessment is the first thing to do.")
            { Title = "Device class not known yet" },
        new("market-undecided", a => If(a.Markets is TargetMarket.NotDecided, Q.Markets),
            "The market decides the regulatory framework (the EU MDR, the FDA's rules, or another country's) and with it testing, documentation and timeline.")
            { Title = "Target market not decided" },
        new("no-qms-near-launch-eu", a => All(If(a.Qms is QmsStatus.InProgress or QmsStatus.No, Q.Qms), If(a.Launch is LaunchTimeline.Within12Months, Q.Launch), EuOnly(a)),
            "Under the EU MDR every manufacturer runs a quality system, and from class IIa up (and for sterile or measuring class I devices) a notified body audits it before the CE mark. Building one and passing that audit takes longer than most teams expect; a partner's certified ISO 13485 system can carry development and production meanwhile.")
            { Title = "No working quality system, launch within 12 months" },
        new("no-qms-near-launch-us", a => All(If(a.Qms is QmsStatus.InProgress or QmsStatus.No, Q.Qms), If(a.Launch is LaunchTimeline.Within12Months, Q.Launch), UsOnly(a)),
            "The FDA expects a quality system that meets the QMSR (21 CFR 820, which incorporates ISO 13485:2016) for devices it regulates; no certificate is needed, but the system must work, be documented and stand up to an FDA inspection. Building one takes longer than most teams expect; a partner's system can carry development and production meanwhile.")
            { Title = "No working quality system, launch within 12 months" },
        new("no-qms-near-launch", a => All(If(a.Qms is QmsStatus.InProgress or QmsStatus.No, Q.Qms), If(a.Launch is LaunchTimeline.Within12Months, Q.Launch), If(!(a.Markets is TargetMarket.Eu or TargetMarket.Us))),
            "A medical device is placed on the market under a working quality system, and in the EU (from class IIa) and the US an auditor or the regulator checks it. Building one takes longer than most teams expect; a partner's ISO 13485 system can carry development and production meanwhile.")
            { Title = "No working quality system, launch within 12 months" },
        new("qms-unknown-near-launch", a => All(If(a.Qms is QmsStatus.NotSure, Q.Qms), If(a.Launch is LaunchTimeline.Within12Months, Q.Launch)),
            "Whether a quality system is in place is not known yet, and a device is only placed on the market under one. Find out soon: if there is none, building it takes longer than the time left.")
            { Title = "Quality system not confirmed, launch within 12 months" },
        new("qms-not-certified-eu", a => All(If(a.Qms is QmsStatus.CompliantNotCertified, Q.Qms), If(EuFacing(a), Q.Markets), If(a.EuClass is not DeviceClass.EuI, Q.EuClass)),
            "A quality system that follows ISO 13485 without a certificate still has its audit ahead: before the CE mark of a class IIa, IIb or III device (and of a sterile or measuring class I device) a notified body audits it. Plan that audit, or produce under the partner's certified system, before an EU launch.")
            { Title = "Quality system not yet audited for the CE mark" },
        new("site-change-eu", a => All(NewManufacturingSite(a), If(EuFacing(a) && a.EuClass is DeviceClass.EuIIa or DeviceClass.EuIIb or DeviceClass.EuIII, Q.EuClass)),
            "A new manufacturer or site for a CE-marked device is a change the notified body must be told about before it takes effect, and it may audit the new site; the technical documentation and supplier controls are updated with it. Plan the notice into the transfer timeline.")
            { Title = "New manufacturing site: notified body" },
        new("site-change-us-pma", a => All(NewManufacturingSite(a), If(UsFacing(a) && a.UsClass is DeviceClass.UsIII, Q.UsClass)),
            "Moving production of a PMA device needs the FDA's approval of a PMA supplement for the new site (or a 30-day notice where the FDA allows one) before devices made there are sold, and the FDA may inspect the site first.")
            { Title = "New manufacturing site: PMA supplement" },
        new("site-change-us-510k", a => All(NewManufacturingSite(a), If(UsFacing(a) && a.UsClass is DeviceClass.UsI or DeviceClass.UsII, Q.UsClass)),
            "For a 510(k)-cleared or exempt device, a new manufacturing site usually needs no new 510(k), unless the move changes the device or how it performs: document that assessment, update the FDA establishment registration and listing, and bring the site under your supplier controls.")
            { Title = "New manufacturing site: FDA assessment" },
        new("site-change-validation", NewManufacturingSite,
            "The production processes are validated again at the new site (equipment qualified, processes shown to make good parts every time) before the first lots are released, whichever market they go to.")
            { Title = "New manufacturing site: process validation first" },
        new("no-manufacturability-review", a => All(
                If(a.Maturity is DesignFrozen or VerificationComplete or Validated or InTransfer, Q.Maturity),
                If(a.ManufacturabilityReview is YesNoUnsure.No or YesNoUnsure.NotSure, Q.ManufacturabilityReview))
                ?.Also(If(a.Volume is AnnualVolume.From10kTo100k or AnnualVolume.Over100k, Q.Volume)),
            "Changes to a locked design are expensive, the more so at high volume. A DFM/DFA review before the design is transferred finds them while they are still cheap.")
            { Title = "Design not reviewed for manufacturing" },
        new("design-owner-undecided", a => If(a.DesignOwner is DesignOwner.NotDecided, Q.DesignOwner),
            "Whoever is responsible for the design decides on changes, risk management and the documentation. A manufacturer needs that settled before production starts.")
            { Title = "Nobody is responsible for the design yet" },
        new("ambitious-timeline", a => All(If(a.Launch is LaunchTimeline.Within12Months, Q.Launch), If(a.Maturity is Concept or ProofOfConcept, Q.Maturity)),
            "Going from concept to a marketed medical device in under a year is rarely possible; plan the regulatory route first and expect a longer path.")
            { Title = "Very ambitious timeline" },
        new("ambitious-timeline-class-iii", a => All(If(a.Launch is LaunchTimeline.Within12Months, Q.Launch), If(a.Maturity is DesignInProgress or DesignFrozen or VerificationComplete, Q.Maturity), ClassThree(a)),
            "A class III device needs clinical evidence and the most demanding review there is; with the design not yet validated, a launch within a year is rarely possible. Plan the clinical and regulatory path first and expect a longer one.")
            { Title = "Very ambitious timeline for a class III device" },
        new("many-open-questions", a => CountNotSure(a) >= 3 ? OpenAnswers(a) : null,
            "Several basics are still open. That is normal early on, and the recommendation will sharpen once they are answered; settling them is the first piece of work with a partner.")
            { Title = "Many open questions" },
    ];

    // ------------------------------------------------------------------------------------------------
    // Partnership tips (from the organization, location, readiness and priority answers, and the model)
    // ------------------------------------------------------------------------------------------------

    private static readonly EngagementModel[] WithDevelopment = [EngagementModel.Cdmo, EngagementModel.CdmoThenCmo];

    public static readonly IReadOnlyList<PlaybookRule> TipRules =
    [
        new("startup-capital", a => If(a.Organization is Organization.Startup, Q.Organization),
            "As a startup, a development partner lets you reach milestones without building a full team first: capital goes into the product, not into fixed headcount you may have to cut later.")
            { ForModels = WithDevelopment },
        new("startup-manufacturing", a => If(a.Organization is Organization.Startup, Q.Organization),
            "As a startup, producing with a manufacturing partner keeps capital out of a factory and its staff; keep the design knowledge in your own team, since the design stays your responsibility.")
            { ForModels = [EngagementModel.Cmo] },
        new("enterprise-speed", a => If(a.Organization is Organization.Enterprise, Q.Organization),
            "Working inside the partner's established quality system for a while usually saves larger companies the most time; agree early on whose procedures apply and when the project moves into yours.")
            { ForModels = WithDevelopment },
        new("sme-focus", a => All(If(a.Organization is Organization.GrowingSme, Q.Organization), If(a.KnowsCompetenciesAndGaps is ReadinessLevel.Yes, ReadinessQuestions.KnowsCompetenciesAndGaps)),
            "You know where your team is strong and where it needs help: keep it on what differentiates you and let the partner cover the gaps, with the split of responsibilities written down so no work is done twice."),
        new("far-time-zone", (a, partner) => If(a.Location is { } region and not Region.PreferNotToSay && partner.Regions.Count > 0 && !partner.Regions.Contains(region), Q.Location),
            "Agree on a few hours of overlap each week; working across distant time zones goes well with fixed review slots, and distance is no obstacle to a good partnership."),
        new("same-region", (a, partner) => If(a.Location is { } region and not (Region.Other or Region.PreferNotToSay) && partner.Regions.Contains(region), Q.Location),
            "Our team works in your region, so workshops, prototype reviews and supplier visits in person are easy to arrange when they help."),
        new("check-regulatory-self-assessment", a => All(Has(a, Capability.RegulatoryAffairs), NoStrategy(a)),
            "You have regulatory affairs in-house but no defined strategy yet. It's worth checking, without judgement, whether the team has taken a device like this one through this route before, or whether a second opinion would help."),
        new("check-quality-self-assessment", a => All(Has(a, Capability.QualityManagement), If(a.Qms is QmsStatus.No or QmsStatus.NotSure, Q.Qms)),
            "You have quality management in-house but no ISO 13485 system yet. Check honestly whether the team has built one and taken it through an audit before; if not, the partner's system can carry the project meanwhile."),
        new("priority-speed-in-design", a => All(If(DesignOpen(a)), If(a.Priority is Priority.TimeToMarket, Q.Priority)),
            "To gain time, run the regulatory planning, the design and the supplier search side by side with the partner, with decision points agreed up front: most delay comes from rework, not from slow work.")
            { ForModels = WithDevelopment },
        new("priority-risk-in-design", a => All(If(DesignOpen(a)), If(a.Priority is Priority.ReduceRisk, Q.Priority)),
            "Tackle the questions that could stop the project first (a technical principle, the regulatory route) with small, early tests, before the rest of the design is built on them.")
            { ForModels = WithDevelopment },
        new("know-your-gaps", a => If(a.KnowsCompetenciesAndGaps is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.KnowsCompetenciesAndGaps),
            "List what your team does best and where it needs help before the first workshop; it makes the split of work clear from day one."),
        new("align-teams", a => If(a.TeamsAligned is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.TeamsAligned),
            "Get leadership, engineering and marketing to agree on goals and priorities before engaging a partner; misalignment shows up later as changing requirements."),
        new("product-vision", a => If(a.ClearProductVision is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.ClearProductVision),
            "Write down who uses the device, for what, and what success looks like; a short product vision is the best input for product definition."),
        new("open-to-challenge", a => If(a.OpenToChallenge is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.OpenToChallenge),
            "The best partnerships question assumptions early; expect the partner to challenge requirements, and decide beforehand how you will settle disagreements."),
        new("curious-and-open", a => If(a.CuriousAndOpen is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.CuriousAndOpen),
            "Stay open to other uses and indications for the technology, and to changing course on data and market feedback: the first idea is not always the best market."),
        new("challenge-the-partner", a => If(a.ChallengesPartner is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.ChallengesPartner),
            "Question the partner's recommendations too: ask for the reasoning and the evidence behind them, and say so when something does not fit. An open exchange both ways works better than deference."),
        new("bring-in-specialists", a => If(a.BringsInSpecialists is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.BringsInSpecialists),
            "Name the few technical or regulatory problems that could stop the project, and bring in specialists for exactly those first; focused outside expertise takes risk out fastest."),
        new("calculated-risk", a => If(a.CalculatedRisk is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.CalculatedRisk),
            "Agree inside the company how mature the product must be at first sale. Validating everything to a large corporation's level before the first sale can use up a young company's money; take calculated risks without cutting quality or regulatory corners."),
        new("ambition", a => If(a.Ambitious is ReadinessLevel.No or ReadinessLevel.Partly, ReadinessQuestions.Ambitious),
            "A partner multiplies the drive its client brings. Agree what the product should achieve at its most ambitious, so the plan is built for that and scaled back on purpose, not by default."),
    ];
}
