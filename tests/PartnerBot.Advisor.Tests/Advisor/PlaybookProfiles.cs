using PartnerBot.Advisor.Playbook;
using PartnerBot.Advisor.Questionnaire;
using static PartnerBot.Advisor.Playbook.LifecyclePhase;

namespace PartnerBot.Tests.Advisor;

/// <summary>
/// Prospect profiles written from the sources (the CDMO vs CMO comparison and the client traits), each with the
/// model, starting phase, services, risks and tips a medical-device expert would expect for it.
/// </summary>
public static class PlaybookProfiles
{
    public sealed record Profile(
        string Name,
        Action<Assessment> Answers,
        EngagementModel Model,
        LifecyclePhase Start,
        string[] Services,
        string[] Risks,
        string[]? Tips = null,
        Confidence? Confidence = null,
        string[]? NotServices = null,
        string[]? NotTips = null);

    private static readonly Capability[] Everything =
        [Capability.ProductEngineering, Capability.IndustrialDesign, Capability.ElectronicsSoftware, Capability.RegulatoryAffairs, Capability.QualityManagement, Capability.ManufacturingSupplyChain];

    /// <summary>A settled EU class IIa startup with everything in-house: each profile changes what matters to it.</summary>
    public static Assessment Build(Action<Assessment> answers)
    {
        var a = new Assessment
        {
            ConsentGiven = true, Organization = Organization.Startup, Markets = TargetMarket.Eu, EuClass = DeviceClass.EuIIa,
            RegulatoryStrategy = StrategyStatus.Yes, Qms = QmsStatus.Yes, Capabilities = [.. Everything], Priority = Priority.TimeToMarket,
            Volume = AnnualVolume.From1kTo10k, Launch = LaunchTimeline.Within24Months, Location = Region.Europe, WantsReadinessQuestions = false,
        };
        answers(a);
        return a;
    }

    /// <summary>A device already on the market, released and documented, whose owner keeps the design.</summary>
    private static void Released(Assessment a, CurrentNeed need)
    {
        a.Maturity = DesignMaturity.OnMarket;
        a.CurrentNeed = need;
        a.Launch = null;
        a.Specifications = DocumentationStatus.Complete;
        a.DesignOwner = DesignOwner.OurTeam;
    }

    public static readonly Profile[] All =
    [
        // Sources: a product still evolving, needing architecture and regulatory strategy support -> CDMO from concept.
        new("startup with an idea, no regulatory strategy, no QMS",
            a => { a.Maturity = DesignMaturity.Concept; a.RegulatoryStrategy = StrategyStatus.No; a.Qms = QmsStatus.No; a.Capabilities = [Capability.ProductEngineering, Capability.ElectronicsSoftware]; },
            EngagementModel.Cdmo, ProductDefinition,
            ["product-definition", "industrial-design", "regulatory-strategy-eu", "regulatory-documentation", "quality-system", "verification-and-validation", "design-for-manufacturing", "supply-chain", "design-transfer", "manufacturing"],
            ["no-regulatory-strategy-eu"], ["fixed headcount"], Confidence.High, ["engineering", "electronics"]),

        // Enterprise: speed, working inside the partner's quality system; class III with a partial strategy is a risk.
        new("enterprise concept, class III in both markets, strategy partly defined",
            a => { a.Organization = Organization.Enterprise; a.Maturity = DesignMaturity.Concept; a.Markets = TargetMarket.EuAndUs; a.EuClass = DeviceClass.EuIII; a.UsClass = DeviceClass.UsIII;
                a.RegulatoryStrategy = StrategyStatus.Partly; a.Capabilities = [.. Everything.Except([Capability.IndustrialDesign])]; a.Priority = Priority.ReduceRisk;
                a.Volume = AnnualVolume.Over100k; a.Launch = LaunchTimeline.Later; a.Location = Region.NorthAmerica; },
            // Both regulators' class III routes are named, each cited with its own class; the volume calls for a line built for it.
            EngagementModel.Cdmo, ProductDefinition, ["industrial-design", "regulatory-strategy-eu-us", "high-volume-production"], ["eu-class-iii-no-strategy", "us-class-iii-no-strategy"], ["quality system"]),

        // The brief's own example: a validated design whose regulatory strategy is missing needs development-side help first.
        new("validated design without a regulatory strategy, QMS being set up",
            a => { a.Organization = Organization.GrowingSme; a.Maturity = DesignMaturity.Validated; a.Markets = TargetMarket.Us; a.EuClass = null; a.UsClass = DeviceClass.UsII;
                a.RegulatoryStrategy = StrategyStatus.No; a.Qms = QmsStatus.InProgress; a.Specifications = DocumentationStatus.Complete; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.Yes; a.Capabilities = [Capability.ProductEngineering, Capability.ManufacturingSupplyChain]; a.HasElectronics = YesNoUnsure.No;
                a.Priority = Priority.CostAtScale; a.Volume = AnnualVolume.From10kTo100k; a.Launch = LaunchTimeline.Within12Months; },
            EngagementModel.CdmoThenCmo, DesignTransfer,
            ["regulatory-strategy-us", "quality-system", "regulatory-documentation", "sustaining-engineering", "design-transfer", "manufacturing"],
            ["no-regulatory-strategy-us", "no-qms-near-launch-us"], null, null, ["product-definition", "electronics", "verification-and-validation"]),

        // Sources: CMO when the design is validated, the strategy defined and the goal is cost-efficient production at scale.
        new("validated, everything in place, cost at scale",
            a => { a.Organization = Organization.Enterprise; a.Maturity = DesignMaturity.Validated; a.Specifications = DocumentationStatus.Complete; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.Yes; a.Priority = Priority.CostAtScale; a.Volume = AnnualVolume.Over100k; a.Launch = LaunchTimeline.Within12Months; },
            EngagementModel.Cmo, DesignTransfer, ["design-transfer", "manufacturing"], [], null, Confidence.High,
            ["engineering", "design-for-manufacturing", "verification-and-validation", "regulatory-strategy", "quality-system"]),

        // Sources: faster time-to-market is a reason for a development partner, not for going straight to a CMO.
        new("validated, everything in place, time-to-market first",
            a => { a.Organization = Organization.Enterprise; a.Maturity = DesignMaturity.Validated; a.Specifications = DocumentationStatus.Complete; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.Yes; a.Priority = Priority.TimeToMarket; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["design-transfer", "manufacturing"], [], null, Confidence.Medium),

        // The clearest CMO case: a released product moving to a new manufacturer starts in contract manufacturing.
        new("released product moving to a new manufacturer",
            a => { Released(a, CurrentNeed.TransferManufacturing); a.EuClass = DeviceClass.EuIIb; a.Priority = Priority.CostAtScale; a.Volume = AnnualVolume.From10kTo100k; },
            // A new site for a CE-marked IIb device: the notified body is told first, and the processes are validated there.
            EngagementModel.Cmo, ContractManufacturing, ["manufacturing"], ["site-change-eu", "site-change-validation"], ["manufacturing partner keeps capital"], Confidence.High,
            ["design-transfer", "verification-and-validation", "sustaining-engineering", "regulatory-documentation"], ["development partner lets you"]),

        new("marketed US device needing a second source",
            a => { Released(a, CurrentNeed.SecondSource); a.Organization = Organization.Enterprise; a.Markets = TargetMarket.Us; a.EuClass = null; a.UsClass = DeviceClass.UsII; a.Location = Region.NorthAmerica; },
            EngagementModel.Cmo, ContractManufacturing, ["manufacturing"], ["site-change-us-510k", "site-change-validation"]),

        // Specifications defined matter to the CMO decision: incomplete documentation needs work first.
        new("marketed device with incomplete documentation to transfer",
            a => { Released(a, CurrentNeed.TransferManufacturing); a.Specifications = DocumentationStatus.Partial; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["documentation", "design-transfer", "manufacturing"], ["site-change-eu", "site-change-validation"]),

        // Who is responsible for the design matters: a CMO builds a design someone else is responsible for.
        new("marketed device whose owner wants the partner to take on the design",
            a => { Released(a, CurrentNeed.ScaleUp); a.DesignOwner = DesignOwner.Partner; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["design-responsibility", "design-transfer"], ["site-change-eu", "site-change-validation"]),

        new("marketed device with design responsibility undecided",
            a => { Released(a, CurrentNeed.SecondSource); a.DesignOwner = DesignOwner.NotDecided; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["design-responsibility"], ["design-owner-undecided", "site-change-eu", "site-change-validation"]),

        new("marketed device being redesigned",
            a => { a.Organization = Organization.GrowingSme; a.Maturity = DesignMaturity.OnMarket; a.CurrentNeed = CurrentNeed.Redesign; a.Launch = null; a.Specifications = DocumentationStatus.Complete;
                a.DesignOwner = DesignOwner.OurTeam; a.Capabilities = [Capability.QualityManagement, Capability.RegulatoryAffairs]; a.HasElectronics = YesNoUnsure.Yes;
                a.Priority = Priority.AccessToExpertise; a.Location = Region.AsiaPacific; },
            EngagementModel.Cdmo, DesignAndDevelopment,
            ["engineering", "industrial-design", "electronics", "verification-and-validation", "design-for-manufacturing", "supply-chain"], [], ["time zones"]),

        // Class III in design with no strategy: the regulatory route comes first, so product definition.
        new("class III in design, no strategy, no QMS, launch this year, team not ready",
            a => { a.Maturity = DesignMaturity.DesignInProgress; a.EuClass = DeviceClass.EuIII; a.RegulatoryStrategy = StrategyStatus.No; a.Qms = QmsStatus.No;
                a.Capabilities = [Capability.ProductEngineering]; a.HasElectronics = YesNoUnsure.Yes; a.Launch = LaunchTimeline.Within12Months;
                a.WantsReadinessQuestions = true; a.KnowsCompetenciesAndGaps = ReadinessLevel.No; a.TeamsAligned = ReadinessLevel.Partly; a.ClearProductVision = ReadinessLevel.No;
                a.OpenToChallenge = ReadinessLevel.No; a.CuriousAndOpen = ReadinessLevel.Partly; a.ChallengesPartner = ReadinessLevel.No; a.BringsInSpecialists = ReadinessLevel.Partly;
                a.CalculatedRisk = ReadinessLevel.No; a.Ambitious = ReadinessLevel.Partly; },
            EngagementModel.Cdmo, ProductDefinition,
            ["product-definition", "regulatory-strategy-eu", "quality-system", "electronics", "verification-and-validation", "industrial-design"],
            ["eu-class-iii-no-strategy", "no-qms-near-launch-eu", "ambitious-timeline-class-iii"],
            // Every readiness trait of the sources, each answered "not really" or "partly", gives its tip: ambition and a dialogue that goes both ways included.
            ["what your team does best", "leadership, engineering and marketing", "product vision", "challenge requirements", "other uses and indications",
                "Question the partner's recommendations too", "specialists", "first sale", "multiplies the drive"]),

        new("US class III (PMA) in design, strategy not sure",
            a => { a.Maturity = DesignMaturity.DesignInProgress; a.Markets = TargetMarket.Us; a.EuClass = null; a.UsClass = DeviceClass.UsIII; a.RegulatoryStrategy = StrategyStatus.NotSure; },
            EngagementModel.Cdmo, ProductDefinition, ["product-definition", "regulatory-strategy-us"], ["us-class-iii-no-strategy"], null, Confidence.Medium),

        new("class IIa design in progress with its strategy defined",
            a => { a.Maturity = DesignMaturity.DesignInProgress; },
            EngagementModel.Cdmo, DesignAndDevelopment, ["verification-and-validation", "design-for-manufacturing"], [], ["run the regulatory planning, the design and the supplier search side by side"], Confidence.High,
            ["product-definition", "regulatory-strategy-eu"]),

        // A frozen design is still in verification (DD), even with strategy and QMS in place.
        new("frozen design, strategy and QMS in place, never reviewed for manufacturing, high volume",
            a => { a.Organization = Organization.GrowingSme; a.Maturity = DesignMaturity.DesignFrozen; a.EuClass = DeviceClass.EuIIb; a.Specifications = DocumentationStatus.Complete;
                a.ManufacturabilityReview = YesNoUnsure.No; a.Capabilities = [.. Everything.Except([Capability.ManufacturingSupplyChain])]; a.Volume = AnnualVolume.Over100k;
                a.Launch = LaunchTimeline.Within12Months; },
            EngagementModel.CdmoThenCmo, DesignAndDevelopment, ["design-for-manufacturing", "verification-and-validation", "supply-chain", "design-transfer", "high-volume-production"], ["no-manufacturability-review"]),

        // No manufacturing in-house does not mean the design was never reviewed for manufacturability.
        new("frozen mechanical design, reviewed for manufacturing, no manufacturing in-house",
            a => { a.Organization = Organization.GrowingSme; a.Maturity = DesignMaturity.DesignFrozen; a.EuClass = DeviceClass.EuI; a.RegulatoryStrategy = StrategyStatus.Partly;
                a.Specifications = DocumentationStatus.Complete; a.ManufacturabilityReview = YesNoUnsure.Yes; a.Capabilities = [Capability.ProductEngineering];
                a.HasElectronics = YesNoUnsure.No; a.Priority = Priority.ReduceRisk; a.Volume = AnnualVolume.UpTo1k; },
            EngagementModel.CdmoThenCmo, DesignAndDevelopment, ["verification-and-validation", "regulatory-strategy-eu", "supply-chain", "industrial-design"], [],
            null, null, ["electronics", "design-for-manufacturing"]),

        new("purely mechanical concept without electronics in-house",
            a => { a.Maturity = DesignMaturity.Concept; a.Capabilities = [Capability.ProductEngineering, Capability.IndustrialDesign, Capability.RegulatoryAffairs, Capability.QualityManagement]; a.HasElectronics = YesNoUnsure.No; },
            EngagementModel.Cdmo, ProductDefinition, ["product-definition", "supply-chain"], [], null, null, ["electronics", "sustaining-engineering"]),

        new("concept with a launch in under a year and a QMS being set up",
            a => { a.Maturity = DesignMaturity.Concept; a.EuClass = DeviceClass.EuI; a.RegulatoryStrategy = StrategyStatus.No; a.Qms = QmsStatus.InProgress; a.Launch = LaunchTimeline.Within12Months; a.Volume = AnnualVolume.UpTo1k; },
            EngagementModel.Cdmo, ProductDefinition, ["quality-system", "regulatory-strategy-eu"], ["ambitious-timeline", "no-regulatory-strategy-eu", "no-qms-near-launch-eu"]),

        new("startup unsure of everything",
            a => { a.Maturity = DesignMaturity.ProofOfConcept; a.Markets = TargetMarket.NotDecided; a.EuClass = DeviceClass.NotSure; a.RegulatoryStrategy = StrategyStatus.NotSure;
                a.Qms = QmsStatus.NotSure; a.Capabilities = []; a.HasElectronics = YesNoUnsure.NotSure; a.Priority = Priority.AccessToExpertise; a.Volume = AnnualVolume.NotSure;
                a.Launch = LaunchTimeline.NotSure; a.Location = Region.Other; },
            // "Not sure" is not "no": the strategy and the quality system are not confirmed, not missing.
            EngagementModel.Cdmo, ProductDefinition, ["product-definition", "supply-chain", "electronics", "regulatory-strategy"],
            ["class-unknown", "market-undecided", "many-open-questions", "regulatory-strategy-unknown"], ["time zones", "fixed headcount"], Confidence.Low),

        // Honest self-assessment: regulatory affairs in-house but no strategy deserves a gentle check.
        new("regulatory affairs in-house but no regulatory strategy",
            a => { a.Maturity = DesignMaturity.DesignInProgress; a.RegulatoryStrategy = StrategyStatus.No; },
            EngagementModel.Cdmo, DesignAndDevelopment, ["regulatory-strategy-eu"], ["no-regulatory-strategy-eu"], ["regulatory affairs in-house but no defined strategy"], null, ["regulatory-documentation"]),

        new("quality management in-house but no ISO 13485 system",
            a => { a.Organization = Organization.GrowingSme; a.Maturity = DesignMaturity.DesignInProgress; a.Qms = QmsStatus.No; },
            // The SME tip comes from knowing the team's gaps (a readiness answer), not from the company's size alone.
            EngagementModel.Cdmo, DesignAndDevelopment, ["quality-system"], [], ["quality management in-house but no ISO 13485 system"], null, null, ["keep it on what differentiates you"]),

        new("class IIa in design, QMS being set up, launch within 12 months",
            a => { a.Maturity = DesignMaturity.DesignInProgress; a.Qms = QmsStatus.InProgress; a.Launch = LaunchTimeline.Within12Months; },
            EngagementModel.Cdmo, DesignAndDevelopment, ["quality-system"], ["no-qms-near-launch-eu"]),

        new("validated design with a partly defined strategy and a cost focus",
            a => { a.Maturity = DesignMaturity.Validated; a.RegulatoryStrategy = StrategyStatus.Partly; a.Specifications = DocumentationStatus.Complete; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.Yes; a.Priority = Priority.CostAtScale; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["regulatory-strategy-eu", "design-transfer"], []),

        // ---- Regulatory fidelity: each row below is a case a regulatory or quality professional would have struck out. ----

        // A strategy "defined" without knowing the class is not defined: the CMO case needs the class known.
        new("validated, strategy said to be defined, EU class not sure, cost at scale",
            a => { a.Maturity = DesignMaturity.Validated; a.EuClass = DeviceClass.NotSure; a.Specifications = DocumentationStatus.Complete; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.Yes; a.Priority = Priority.CostAtScale; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["regulatory-strategy-eu", "design-transfer", "manufacturing"], ["class-unknown-eu"], null, Confidence.Medium),

        // EU only: the notified body and the MDR, never the FDA or a PMA.
        new("EU-only class III concept without a strategy",
            a => { a.Maturity = DesignMaturity.Concept; a.EuClass = DeviceClass.EuIII; a.RegulatoryStrategy = StrategyStatus.No; a.Launch = LaunchTimeline.Later; },
            EngagementModel.Cdmo, ProductDefinition, ["product-definition", "regulatory-strategy-eu"], ["eu-class-iii-no-strategy"], null, null, ["regulatory-strategy-us", "regulatory-strategy-eu-us"]),

        // US only: the FDA's routes, De Novo among them, never a notified body.
        new("US-only class II concept without a strategy",
            a => { a.Maturity = DesignMaturity.Concept; a.Markets = TargetMarket.Us; a.EuClass = null; a.UsClass = DeviceClass.UsII; a.RegulatoryStrategy = StrategyStatus.No; a.Location = Region.NorthAmerica; },
            EngagementModel.Cdmo, ProductDefinition, ["product-definition", "regulatory-strategy-us"], ["no-regulatory-strategy-us"], ["Our team works in your region"], null, ["regulatory-strategy-eu"]),

        // Other markets: neither regulator is named, and no EU class was asked.
        new("other markets, proof of concept, no strategy",
            a => { a.Maturity = DesignMaturity.ProofOfConcept; a.Markets = TargetMarket.Other; a.EuClass = null; a.RegulatoryStrategy = StrategyStatus.No; a.Location = Region.AsiaPacific; },
            EngagementModel.Cdmo, ProductDefinition, ["regulatory-strategy"], ["no-regulatory-strategy"], ["time zones"], null, ["regulatory-strategy-eu", "regulatory-strategy-us"]),

        // The FDA's QMSR asks for no certificate: a compliant US maker is ready for a manufacturer.
        new("US marketed device, QMS compliant without a certificate, moving to a new manufacturer",
            a => { Released(a, CurrentNeed.TransferManufacturing); a.Organization = Organization.GrowingSme; a.Markets = TargetMarket.Us; a.EuClass = null; a.UsClass = DeviceClass.UsIII;
                a.Qms = QmsStatus.CompliantNotCertified; a.Location = Region.NorthAmerica; },
            EngagementModel.Cmo, ContractManufacturing, ["manufacturing"], ["site-change-us-pma", "site-change-validation"], null, Confidence.High, ["quality-system"]),

        // For the CE mark, the notified body audits the quality system: a system without a certificate is a gap there.
        new("EU validated class IIa, QMS compliant without a certificate",
            a => { a.Maturity = DesignMaturity.Validated; a.Qms = QmsStatus.CompliantNotCertified; a.Specifications = DocumentationStatus.Complete; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.Yes; a.Priority = Priority.CostAtScale; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["quality-system", "design-transfer"], ["qms-not-certified-eu"]),

        // Verification done, validation to do: not "verification under way", and transfer runs alongside validation.
        new("verified design, validation still to do",
            a => { a.Organization = Organization.GrowingSme; a.Maturity = DesignMaturity.VerificationComplete; a.Specifications = DocumentationStatus.Complete; a.ManufacturabilityReview = YesNoUnsure.Yes; },
            EngagementModel.CdmoThenCmo, DesignAndDevelopment, ["design-validation", "design-transfer"], [], null, null, ["verification-and-validation"]),

        new("validated design already in transfer, cost at scale, everything in place",
            a => { a.Organization = Organization.Enterprise; a.Maturity = DesignMaturity.InTransfer; a.Specifications = DocumentationStatus.Complete; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.Yes; a.Priority = Priority.CostAtScale; },
            EngagementModel.Cmo, DesignTransfer, ["design-transfer", "manufacturing"], [], null, Confidence.High, ["verification-and-validation", "design-validation"]),

        // A CMO builds; it does not do sustaining engineering or regulatory documentation.
        new("released product moving to a new manufacturer, no engineering or regulatory affairs in-house",
            a => { Released(a, CurrentNeed.TransferManufacturing); a.Capabilities = [Capability.QualityManagement, Capability.ManufacturingSupplyChain]; a.HasElectronics = YesNoUnsure.No; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["sustaining-engineering", "regulatory-documentation", "design-transfer", "manufacturing"], ["site-change-eu", "site-change-validation"]),

        // The DFM review matters whatever the priority: a validated design without one is not ready for a manufacturer.
        new("validated, everything in place but never reviewed for manufacturing, cost at scale",
            a => { a.Maturity = DesignMaturity.Validated; a.Specifications = DocumentationStatus.Complete; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.No; a.Priority = Priority.CostAtScale; a.Volume = AnnualVolume.Over100k; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["design-for-manufacturing", "design-transfer", "high-volume-production"], ["no-manufacturability-review"]),

        // Three "not sure" answers on a validated design: open questions, but no product definition phase to send it to.
        new("validated design with three answers not sure",
            a => { a.Maturity = DesignMaturity.Validated; a.Specifications = DocumentationStatus.NotSure; a.DesignOwner = DesignOwner.OurTeam;
                a.ManufacturabilityReview = YesNoUnsure.NotSure; a.Volume = AnnualVolume.NotSure; a.Priority = Priority.ReduceRisk; },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["documentation", "design-for-manufacturing", "design-transfer"], ["many-open-questions", "no-manufacturability-review"], null, Confidence.Low),

        // A quality system nobody can vouch for is "not confirmed", not "none".
        new("design in progress, QMS not sure, launch within 12 months",
            a => { a.Maturity = DesignMaturity.DesignInProgress; a.Qms = QmsStatus.NotSure; a.Launch = LaunchTimeline.Within12Months; },
            EngagementModel.Cdmo, DesignAndDevelopment, ["quality-system"], ["qms-unknown-near-launch"], null, Confidence.Medium),

        // A growing company that knows its gaps gets the focus tip; where the prospect would not say where it is, no distance tip.
        new("SME that knows its gaps, location not given",
            a => { a.Organization = Organization.GrowingSme; a.Maturity = DesignMaturity.DesignInProgress; a.Location = Region.PreferNotToSay; a.WantsReadinessQuestions = true;
                a.KnowsCompetenciesAndGaps = ReadinessLevel.Yes; a.TeamsAligned = ReadinessLevel.Yes; a.ClearProductVision = ReadinessLevel.Yes; a.OpenToChallenge = ReadinessLevel.Yes;
                a.BringsInSpecialists = ReadinessLevel.Yes; a.CalculatedRisk = ReadinessLevel.Yes; a.Priority = Priority.ReduceRisk; },
            EngagementModel.Cdmo, DesignAndDevelopment, ["verification-and-validation"], [], ["keep it on what differentiates you", "questions that could stop the project first"], null, null,
            ["time zones", "Our team works in your region"]),

        // Both markets: each regulator's route in one plan; a IIb device gets the IIb wording, not class III's.
        new("EU and US, class IIb and II concept, no strategy",
            a => { a.Maturity = DesignMaturity.Concept; a.Markets = TargetMarket.EuAndUs; a.EuClass = DeviceClass.EuIIb; a.UsClass = DeviceClass.UsII; a.RegulatoryStrategy = StrategyStatus.No; },
            EngagementModel.Cdmo, ProductDefinition, ["regulatory-strategy-eu-us"], ["eu-class-iib-no-strategy"]),

        new("EU and US, class IIa and II in design, no strategy, no QMS, launch within 12 months",
            a => { a.Maturity = DesignMaturity.DesignInProgress; a.Markets = TargetMarket.EuAndUs; a.UsClass = DeviceClass.UsII; a.RegulatoryStrategy = StrategyStatus.No; a.Qms = QmsStatus.No;
                a.Launch = LaunchTimeline.Within12Months; },
            EngagementModel.Cdmo, DesignAndDevelopment, ["regulatory-strategy-eu-us", "quality-system"], ["no-regulatory-strategy-eu-us", "no-qms-near-launch"]),

        new("US proof of concept, FDA class not sure",
            a => { a.Maturity = DesignMaturity.ProofOfConcept; a.Markets = TargetMarket.Us; a.EuClass = null; a.UsClass = DeviceClass.NotSure; a.RegulatoryStrategy = StrategyStatus.Partly; },
            EngagementModel.Cdmo, ProductDefinition, ["regulatory-strategy-us"], ["class-unknown-us"], null, Confidence.Medium),

        new("marketed EU class I device moving to a new manufacturer",
            a => { Released(a, CurrentNeed.TransferManufacturing); a.EuClass = DeviceClass.EuI; a.Organization = Organization.Enterprise; },
            // Class I without a notified body: no notice to one, but the processes are validated at the new site.
            EngagementModel.Cmo, ContractManufacturing, ["manufacturing"], ["site-change-validation"]),

        new("nothing known about the design",
            a => { a.Organization = Organization.Enterprise; a.Maturity = null; a.Capabilities = null; },
            EngagementModel.Cdmo, ProductDefinition, ["product-definition"], [], null, Confidence.Low),
    ];
}
