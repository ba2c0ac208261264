using static PartnerBot.Advisor.Questionnaire.DesignMaturity;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// The advisor's questionnaire: every question once, in the order it is asked, with its wording, options and
/// synonyms, help, when it applies and where its answer goes. To add a question, add an entry to
/// <see cref="All"/> (and a property to <see cref="Assessment"/> for its answer); the dialogs, the progress
/// numbering, "back" and "change an answer" follow from the list.
/// </summary>
public static class AssessmentQuestions
{
    private static readonly string[] NotSureWords = ["not sure", "don t know", "dont know", "unsure", "no idea"];

    public static readonly Question<Organization> Organization = new()
    {
        Id = QuestionId.Organization,
        Label = "Organization",
        Text = "First, what kind of organization are you?",
        Help = "This helps me weigh capital and headcount: startups often use a development partner instead of hiring a full team, while larger companies usually want speed and a partner's established quality system.",
        Options =
        [
            new(Questionnaire.Organization.Startup, "Startup", "start up", "start-up", "founder", "founders", "spin off", "spinoff", "early stage company"),
            new(Questionnaire.Organization.GrowingSme, "Growing SME", "sme", "small company", "mid size", "midsize", "medium sized", "scale up", "scaleup", "growing company"),
            new(Questionnaire.Organization.Enterprise, "Enterprise", "large company", "corporate", "corporation", "multinational", "big company", "medtech company"),
        ],
        Get = a => a.Organization,
        Set = (a, v) => a.Organization = v,
    };

    public static readonly Question<DesignMaturity> Maturity = new()
    {
        Id = QuestionId.Maturity,
        Label = "Design maturity",
        Text = "How far along is the device design?",
        Help = "Pick the stage that describes the device today. A proof-of-concept prototype shows that the principle works (often 3D-printed or on a breadboard) but is not yet designed for production. " +
            "A design in progress has engineering prototypes close to the final product, with requirements and design controls being documented. " +
            "\"Design frozen\" means the design is locked and verification (testing against the requirements) has started; " +
            "\"verified and validated\" means verification and validation (showing that the device meets the users' needs) are both complete.",
        Options =
        [
            new(Concept, "Idea or concept only", "idea", "concept", "just an idea", "napkin sketch", "sketch", "nothing built yet"),
            new(ProofOfConcept, "Proof-of-concept prototype", "poc", "proof of concept", "first prototype", "3d printed prototype", "breadboard", "works like prototype", "feasibility prototype"),
            new(DesignInProgress, "Design in progress", "engineering prototype", "engineering prototypes", "design controls", "in development", "developing", "design phase"),
            new(DesignFrozen, "Design frozen, verification under way", "frozen", "design freeze", "in verification", "verification under way", "design locked"),
            // "verified" alone is left out on purpose: a verified design may still await validation.
            new(Validated, "Validated (V&V complete)", "v&v complete", "v and v complete", "v&v done", "vv done", "validated", "fully validated", "validation complete"),
            new(OnMarket, "Already on the market", "on the market", "marketed", "selling", "commercial", "launched", "in production"),
        ],
        Get = a => a.Maturity,
        Set = (a, v) => a.Maturity = v,
    };

    public static readonly Question<CurrentNeed> CurrentNeed = new()
    {
        Id = QuestionId.CurrentNeed,
        Label = "Current need",
        Text = "Your device is already on the market. What do you need now?",
        Help = "For a marketed device, a partner usually takes over production (transfer), adds a second source, helps scale up, or develops a new version.",
        Options =
        [
            new(Questionnaire.CurrentNeed.TransferManufacturing, "Transfer manufacturing", "transfer", "move production", "new manufacturer", "change manufacturer"),
            new(Questionnaire.CurrentNeed.SecondSource, "A second source", "second source", "backup supplier", "dual source", "second supplier"),
            new(Questionnaire.CurrentNeed.ScaleUp, "Scale up production", "scale", "scale up", "more volume", "increase capacity"),
            // Not "cost reduction": that can mean a cheaper manufacturer as much as a new design, so it is asked again.
            new(Questionnaire.CurrentNeed.Redesign, "Redesign or next generation", "redesign", "next generation", "new version", "v2"),
        ],
        Get = a => a.CurrentNeed,
        Set = (a, v) => a.CurrentNeed = v,
        AppliesWhen = a => a.Maturity is OnMarket,
    };

    public static readonly Question<TargetMarket> Markets = new()
    {
        Id = QuestionId.Markets,
        Label = "Target markets",
        Text = "Which markets are you aiming for first?",
        Help = "The target market decides the regulatory framework: the EU Medical Device Regulation (MDR) or the US FDA. Choose \"Not decided yet\" if that is still open; that is useful to know too.",
        Options =
        [
            new(TargetMarket.Eu, "EU (MDR)", "eu", "europe", "european union", "mdr", "ce mark", "ce"),
            new(TargetMarket.Us, "US (FDA)", "us", "usa", "united states", "america", "fda", "510k", "510 k"),
            new(TargetMarket.EuAndUs, "Both EU and US", "both", "eu and us", "us and eu", "europe and us", "mdr and fda", "fda and mdr"),
            new(TargetMarket.Other, "Other markets", "other", "asia", "china", "japan", "rest of world", "row"),
            new(TargetMarket.NotDecided, "Not decided yet", ["not decided", "undecided", "tbd", .. NotSureWords]),
        ],
        Get = a => a.Markets,
        Set = (a, v) => a.Markets = v,
    };

    public static readonly Question<DeviceClass> EuClass = new()
    {
        Id = QuestionId.EuClass,
        Label = "EU device class",
        Text = "What device class do you expect under the EU MDR?",
        Help = "Under the MDR, risk classes run from Class I (lowest) through IIa and IIb to Class III (highest, e.g. implants). " +
            "From class IIa up, and for class I devices that are sterile, measure or are reusable surgical instruments, a notified body " +
            "(an independent organization designated to assess medical devices) must review the device before it gets its CE mark. If nobody has classified the device yet, choose \"Not sure\".",
        Options =
        [
            new(DeviceClass.EuI, "Class I", "i", "class 1", "1 eu", "eu class i"),
            new(DeviceClass.EuIIa, "Class IIa", "iia", "2a", "class 2a", "ii a"),
            new(DeviceClass.EuIIb, "Class IIb", "iib", "2b", "class 2b", "ii b"),
            new(DeviceClass.EuIII, "Class III", "iii", "class 3", "highest"),
            new(DeviceClass.NotSure, "Not sure", ["no idea", "not classified", "unknown", .. NotSureWords]),
        ],
        Get = a => a.EuClass,
        Set = (a, v) => a.EuClass = v,
        // The EU class is the stricter default while the market is open (and counted until it is known).
        AppliesWhen = a => a.Markets is not TargetMarket.Us,
    };

    public static readonly Question<DeviceClass> UsClass = new()
    {
        Id = QuestionId.UsClass,
        Label = "US device class",
        Text = "And what FDA device class do you expect?",
        Help = "The FDA uses Class I (lowest risk, often exempt from review), Class II (usually a 510(k): showing the device is substantially equivalent to one already on the market) " +
            "and Class III (usually a PMA, premarket approval: the FDA's most demanding review, normally with clinical data). If that has not been assessed yet, choose \"Not sure\".",
        Options =
        [
            new(DeviceClass.UsI, "Class I", "i", "class 1", "us class i"),
            new(DeviceClass.UsII, "Class II", "ii", "class 2", "510k", "510 k"),
            new(DeviceClass.UsIII, "Class III", "iii", "class 3", "pma"),
            new(DeviceClass.NotSure, "Not sure", ["unknown", .. NotSureWords]),
        ],
        Get = a => a.UsClass,
        Set = (a, v) => a.UsClass = v,
        AppliesWhen = a => a.Markets is TargetMarket.Us or TargetMarket.EuAndUs,
    };

    public static readonly Question<StrategyStatus> RegulatoryStrategy = new()
    {
        Id = QuestionId.RegulatoryStrategy,
        Label = "Regulatory strategy",
        Text = "Is your regulatory strategy (classification, pathway, standards) defined?",
        TextFor = a => a.Maturity is OnMarket
            ? "For the markets you want to serve now, is the regulatory side settled: classification, approvals and the standards you comply with, with the file up to date?"
            : null,
        Help = "A regulatory strategy names the device's classification, the approval route (for example CE marking with a notified body's review, a 510(k) or a PMA) and the standards the device will be tested against.",
        Options =
        [
            new(StrategyStatus.Yes, "Yes, it's defined", "yes", "defined", "done", "we have one", "complete", "settled"),
            new(StrategyStatus.Partly, "Partly", "partially", "in progress", "somewhat", "working on it", "draft"),
            new(StrategyStatus.No, "Not yet", "no", "not yet", "none", "nothing yet"),
            new(StrategyStatus.NotSure, "Not sure", NotSureWords),
        ],
        Get = a => a.RegulatoryStrategy,
        Set = (a, v) => a.RegulatoryStrategy = v,
    };

    public static readonly Question<QmsStatus> Qms = new()
    {
        Id = QuestionId.Qms,
        Label = "ISO 13485 QMS",
        Text = "Does your company run an ISO 13485 quality management system?",
        Help = "ISO 13485 is the quality management standard for medical devices. A partner's certified system can cover development and production while yours is being built.",
        Options =
        [
            new(QmsStatus.Yes, "Yes, certified", "yes", "certified", "we have iso 13485", "iso certified"),
            new(QmsStatus.InProgress, "Being set up", "in progress", "setting up", "working on it", "implementing", "partly"),
            new(QmsStatus.No, "No", "no", "not yet", "none"),
            new(QmsStatus.NotSure, "Not sure", NotSureWords),
        ],
        Get = a => a.Qms,
        Set = (a, v) => a.Qms = v,
    };

    public static readonly Question<DocumentationStatus> Specifications = new()
    {
        Id = QuestionId.Specifications,
        Label = "Specifications and documentation",
        Text = "Are the specifications and manufacturing documentation complete (released drawings or CAD, bill of materials, design history file)?",
        Help = "A manufacturer builds exactly what the documents say, so they need to be complete and released. The design history file (DHF) is the record of how the design was developed, verified and validated.",
        Options =
        [
            new(DocumentationStatus.Complete, "Yes, complete and released", "yes", "complete", "released", "all done"),
            new(DocumentationStatus.Partial, "Partly", "partially", "some", "in progress", "mostly"),
            new(DocumentationStatus.Missing, "No", "no", "not yet", "missing", "none"),
            new(DocumentationStatus.NotSure, "Not sure", NotSureWords),
        ],
        Get = a => a.Specifications,
        Set = (a, v) => a.Specifications = v,
        AppliesWhen = a => a.Maturity is DesignFrozen or Validated or OnMarket,
    };

    public static readonly Question<DesignOwner> DesignOwner = new()
    {
        Id = QuestionId.DesignOwner,
        Label = "Design responsibility",
        Text = "Who will be responsible for the design from now on: changes, risk management and the design documentation?",
        Help = "A contract manufacturer builds a design someone else is responsible for. If you would rather hand that responsibility to the partner, a development partner is the better fit.",
        Options =
        [
            new(Questionnaire.DesignOwner.OurTeam, "Our own team", "we do", "us", "our team", "in house", "ourselves"),
            new(Questionnaire.DesignOwner.Partner, "We'd like the partner to take it on", "partner", "the partner", "you", "hand it over", "outsource it"),
            new(Questionnaire.DesignOwner.NotDecided, "Not decided yet", ["not decided", "undecided", "tbd", .. NotSureWords]),
        ],
        Get = a => a.DesignOwner,
        Set = (a, v) => a.DesignOwner = v,
        AppliesWhen = a => a.Maturity is Validated or OnMarket,
    };

    public static readonly Question<YesNoUnsure> ManufacturabilityReview = new()
    {
        Id = QuestionId.ManufacturabilityReview,
        Label = "Manufacturability review",
        Text = "Has the design been reviewed for manufacturing and assembly (a DFM/DFA review)?",
        Help = "Design for manufacturing and assembly (DFM/DFA) reviews check that parts can be made and assembled reliably and at the planned cost and volume, before the design is locked for good.",
        Options =
        [
            new(YesNoUnsure.Yes, "Yes", "yes", "done", "reviewed", "we did"),
            new(YesNoUnsure.No, "No", "no", "not yet", "never"),
            new(YesNoUnsure.NotSure, "Not sure", NotSureWords),
        ],
        Get = a => a.ManufacturabilityReview,
        Set = (a, v) => a.ManufacturabilityReview = v,
        AppliesWhen = a => a.Maturity is DesignFrozen or Validated,
    };

    public static readonly MultiChoiceQuestion<Capability> Capabilities = new()
    {
        Id = QuestionId.Capabilities,
        Label = "In-house capabilities",
        Text = "Which of these do you already have in-house? Choose all that apply.",
        Help = "Tell me what your own team covers today. Whatever is missing is where a partner's services come in.",
        Options =
        [
            new(Capability.ProductEngineering, "Product engineering", "engineering", "mechanical engineering", "mechanical", "product development"),
            new(Capability.IndustrialDesign, "Industrial design", "design", "id", "ux", "usability", "human factors"),
            new(Capability.ElectronicsSoftware, "Electronics / software", "electronics", "software", "firmware", "embedded", "hardware", "pcb"),
            new(Capability.RegulatoryAffairs, "Regulatory affairs", "regulatory", "ra", "regulatory team"),
            new(Capability.QualityManagement, "Quality management", "quality", "qa", "qm", "qms", "quality assurance"),
            new(Capability.ManufacturingSupplyChain, "Manufacturing / supply chain", "manufacturing", "production", "supply chain", "sourcing", "operations"),
            new(Capability.None, "None of these", "none", "nothing", "none of them", "no one", "nobody"),
        ],
        NoneOfThese = Capability.None,
        Get = a => a.Capabilities,
        Set = (a, v) => a.Capabilities = v,
    };

    public static readonly Question<YesNoUnsure> HasElectronics = new()
    {
        Id = QuestionId.HasElectronics,
        Label = "Electronics or software in the device",
        Text = "Does the device itself contain electronics or software?",
        Help = "You don't have electronics or software in-house; I only suggest help with them if the device needs them.",
        Options =
        [
            new(YesNoUnsure.Yes, "Yes", "yes", "it does", "electronics", "software", "both"),
            new(YesNoUnsure.No, "No, it's purely mechanical", "no", "none", "mechanical", "purely mechanical", "passive"),
            new(YesNoUnsure.NotSure, "Not sure yet", NotSureWords),
        ],
        Get = a => a.HasElectronics,
        Set = (a, v) => a.HasElectronics = v,
        AppliesWhen = a => a.Capabilities is { } have && !have.Contains(Capability.ElectronicsSoftware),
    };

    public static readonly Question<Priority> Priority = new()
    {
        Id = QuestionId.Priority,
        Label = "Priority",
        Text = "What matters most to you right now?",
        Help = "Choose the one goal that would make this partnership a success for you. It shapes what I recommend first.",
        Options =
        [
            new(Questionnaire.Priority.TimeToMarket, "Time-to-market", "speed", "fast", "faster", "launch quickly", "time to market", "ttm"),
            new(Questionnaire.Priority.CostAtScale, "Cost at scale", "cost", "price", "unit cost", "cheap", "cost efficiency", "scale"),
            new(Questionnaire.Priority.ReduceRisk, "Reducing technical or regulatory risk", "risk", "reduce risk", "less risk", "de risk", "derisk", "compliance", "safety"),
            new(Questionnaire.Priority.AccessToExpertise, "Access to expertise", "expertise", "expert", "experts", "know how", "knowhow", "skills", "experience"),
        ],
        Get = a => a.Priority,
        Set = (a, v) => a.Priority = v,
    };

    public static readonly Question<AnnualVolume> Volume = new()
    {
        Id = QuestionId.Volume,
        Label = "Annual volume",
        Text = "Roughly how many units a year do you expect to make once on the market?",
        TextFor = a => a.Maturity is OnMarket ? "Roughly how many units a year should the new production make?" : null,
        Help = "An estimate is fine. Volume decides how production should be set up and when design-for-manufacturing pays off most.",
        Options =
        [
            new(AnnualVolume.UpTo1k, "Up to 1,000", "under 1000", "less than 1000", "few hundred", "hundreds", "low volume", "small"),
            new(AnnualVolume.From1kTo10k, "1,000 - 10,000", "1k 10k", "thousands", "a few thousand", "medium"),
            new(AnnualVolume.From10kTo100k, "10,000 - 100,000", "10k 100k", "tens of thousands"),
            new(AnnualVolume.Over100k, "More than 100,000", "over 100000", "100k", "more than 100k", "hundreds of thousands", "millions", "high volume", "mass production"),
            new(AnnualVolume.NotSure, "Not sure yet", NotSureWords),
        ],
        Get = a => a.Volume,
        Set = (a, v) => a.Volume = v,
    };

    public static readonly Question<LaunchTimeline> Launch = new()
    {
        Id = QuestionId.Launch,
        Label = "Launch",
        Text = "When would you like the device on the market?",
        Help = "Your target launch date, as of today. It tells me how much time there is for development, regulatory work and building up production.",
        Options =
        [
            new(LaunchTimeline.Within12Months, "Within 12 months", "this year", "asap", "less than a year", "under 12 months", "12 months", "next year"),
            new(LaunchTimeline.Within24Months, "In 1-2 years", "1 2 years", "two years", "24 months", "18 months", "within 2 years"),
            new(LaunchTimeline.Later, "More than 2 years", "later", "3 years", "longer", "more than 2 years", "long term"),
            new(LaunchTimeline.NotSure, "Not sure yet", ["tbd", .. NotSureWords]),
        ],
        Get = a => a.Launch,
        Set = (a, v) => a.Launch = v,
        // A device already on the market has no launch date.
        AppliesWhen = a => a.Maturity is not OnMarket,
    };

    public static readonly Question<Region> Location = new()
    {
        Id = QuestionId.Location,
        Label = "Location",
        Text = "Where is your team based?",
        Help = "Working within a few time zones of each other makes collaboration easier, but it is not a requirement.",
        Options =
        [
            new(Region.Europe, "Europe", "eu", "uk", "switzerland", "germany", "france", "italy", "cet", "gmt"),
            new(Region.NorthAmerica, "North America", "us", "usa", "canada", "america", "est", "pst"),
            new(Region.AsiaPacific, "Asia-Pacific", "asia", "apac", "china", "japan", "australia", "singapore", "india"),
            new(Region.Other, "Elsewhere", "other", "middle east", "africa", "latin america", "south america", "prefer not to say"),
        ],
        Get = a => a.Location,
        Set = (a, v) => a.Location = v,
    };

    public static readonly Question<bool> ReadinessOffer = new()
    {
        Id = QuestionId.ReadinessOffer,
        Label = "Readiness questions",
        Text = "That's the core of it. Six more quick questions on partnership readiness would let me add some practical tips. Shall we?",
        Help = "These questions never count against you; they only add tips to the recommendation. Say no to skip them.",
        Options =
        [
            new(true, "Sure", "yes", "y", "ok", "okay", "sure", "go ahead", "why not"),
            new(false, "Skip", "no", "n", "skip", "no thanks", "not now"),
        ],
        Get = a => a.WantsReadinessQuestions,
        Set = (a, v) => a.WantsReadinessQuestions = v,
        Numbering = Numbering.None,
    };

    public static readonly Question<ReadinessLevel> KnowsGaps = Readiness(QuestionId.KnowsGaps, "Knows strengths and gaps",
        "Does your team have a clear view of its core strengths and of the gaps a partner should fill?",
        a => a.KnowsCompetenciesAndGaps, (a, v) => a.KnowsCompetenciesAndGaps = v);

    public static readonly Question<ReadinessLevel> TeamsAligned = Readiness(QuestionId.TeamsAligned, "Teams aligned",
        "Are leadership, the technical team and marketing aligned on the product and its goals?",
        a => a.TeamsAligned, (a, v) => a.TeamsAligned = v);

    public static readonly Question<ReadinessLevel> ProductVision = Readiness(QuestionId.ProductVision, "Clear product vision",
        "Is there a clear product vision: who uses it, for what, and what success looks like?",
        a => a.ClearProductVision, (a, v) => a.ClearProductVision = v);

    public static readonly Question<ReadinessLevel> OpenToChallenge = Readiness(QuestionId.OpenToChallenge, "Open to challenge",
        "Is the team open to having assumptions challenged and to adjusting course when the evidence says so?",
        a => a.OpenToChallenge, (a, v) => a.OpenToChallenge = v);

    public static readonly Question<ReadinessLevel> BringsInSpecialists = Readiness(QuestionId.BringsInSpecialists, "Brings in specialists",
        "When a problem needs expertise your team doesn't have, do you bring in specialists and focus on the biggest risks first?",
        a => a.BringsInSpecialists, (a, v) => a.BringsInSpecialists = v);

    public static readonly Question<ReadinessLevel> CalculatedRisk = Readiness(QuestionId.CalculatedRisk, "Agreed on calculated risk",
        "Has the company agreed how mature the product must be at first sale, taking calculated risks without over-engineering or cutting corners?",
        a => a.CalculatedRisk, (a, v) => a.CalculatedRisk = v);

    /// <summary>The questionnaire, in the order the questions are asked.</summary>
    public static readonly QuestionList All = new(
    [
        Organization,
        Maturity,
        CurrentNeed,
        Markets,
        EuClass,
        UsClass,
        RegulatoryStrategy,
        Qms,
        Specifications,
        DesignOwner,
        ManufacturabilityReview,
        Capabilities,
        HasElectronics,
        Priority,
        Volume,
        Launch,
        Location,
        ReadinessOffer,
        KnowsGaps,
        TeamsAligned,
        ProductVision,
        OpenToChallenge,
        BringsInSpecialists,
        CalculatedRisk,
    ]);

    private static Question<ReadinessLevel> Readiness(
        QuestionId id, string label, string text, Func<Assessment, ReadinessLevel?> get, Action<Assessment, ReadinessLevel?> set) => new()
    {
        Id = id,
        Label = label,
        Text = text,
        Help = "Answer honestly; there are no wrong answers. Each answer only adds a tip.",
        Options =
        [
            new(ReadinessLevel.Yes, "Yes", "yes", "y", "definitely", "absolutely", "we do"),
            new(ReadinessLevel.Partly, "Partly", "partially", "somewhat", "sort of", "kind of", "mostly", "not fully"),
            new(ReadinessLevel.No, "Not really", "no", "n", "not yet", "not really"),
        ],
        Get = get,
        Set = set,
        AppliesWhen = a => a.WantsReadinessQuestions == true,
        Numbering = Numbering.Readiness,
    };
}
