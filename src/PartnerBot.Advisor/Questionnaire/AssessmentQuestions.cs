using PartnerBot.Advisor.Playbook;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// The advisor's questions, in the order they are asked, with every word the prospect sees. When a question
/// is skipped is decided in <see cref="AdvisorPlaybook"/>, beside the rules that use the answers.
/// </summary>
public static class AssessmentQuestions
{
    /// <summary>The numbered questions (readiness questions are optional and counted separately).</summary>
    public const int NumberedCount = 11;

    public static readonly Question<Organization> Organization = new(
        "organization",
        "First, what kind of organization are you?",
        "This helps me weigh capital and headcount: startups often use a development partner instead of hiring a full team, while larger companies usually want speed and a partner's established quality system.",
        [
            new(Questionnaire.Organization.Startup, "Startup", "start up", "start-up", "founder", "founders", "spin off", "spinoff", "early stage company"),
            new(Questionnaire.Organization.GrowingSme, "Growing SME", "sme", "small company", "mid size", "midsize", "medium sized", "scale up", "scaleup", "growing company"),
            new(Questionnaire.Organization.Enterprise, "Enterprise", "large company", "corporate", "corporation", "multinational", "big company", "medtech company"),
        ]);

    public static readonly Question<DesignMaturity> Maturity = new(
        "maturity",
        "How far along is the device design?",
        "Pick the stage that best describes the device today. \"Design frozen\" means the design is locked and verification testing has started; \"verified and validated\" means V&V is complete.",
        [
            new(DesignMaturity.Concept, "Idea or concept only", "idea", "concept", "just an idea", "napkin sketch", "sketch", "nothing built yet"),
            new(DesignMaturity.ProofOfConcept, "Proof-of-concept prototype", "poc", "proof of concept", "first prototype", "3d printed prototype", "breadboard", "works like prototype", "feasibility prototype"),
            new(DesignMaturity.DesignInProgress, "Design in progress", "engineering prototype", "engineering prototypes", "design controls", "in development", "developing", "design phase"),
            new(DesignMaturity.DesignFrozen, "Design frozen, verification under way", "frozen", "design freeze", "verification", "in verification", "design locked"),
            new(DesignMaturity.Validated, "Verified and validated", "v&v complete", "v and v complete", "validated", "verified", "vv done", "ready for production"),
            new(DesignMaturity.OnMarket, "Already on the market", "on the market", "marketed", "selling", "commercial", "launched", "in production"),
        ]);

    public static readonly Question<TargetMarket> Markets = new(
        "markets",
        "Which markets are you aiming for first?",
        "The target market decides the regulatory framework: the EU Medical Device Regulation (MDR) or the US FDA. Choose \"Not decided yet\" if that is still open; that is useful to know too.",
        [
            new(TargetMarket.Eu, "EU (MDR)", "eu", "europe", "european union", "mdr", "ce mark", "ce"),
            new(TargetMarket.Us, "US (FDA)", "us", "usa", "united states", "america", "fda", "510k", "510 k"),
            new(TargetMarket.EuAndUs, "Both EU and US", "both", "eu and us", "us and eu", "europe and us", "mdr and fda", "fda and mdr"),
            new(TargetMarket.Other, "Other markets", "other", "asia", "china", "japan", "rest of world", "row"),
            new(TargetMarket.NotDecided, "Not decided yet", "not decided", "undecided", "don t know", "dont know", "not sure", "unsure", "tbd"),
        ]);

    public static readonly Question<DeviceClass> EuClass = new(
        "euClass",
        "What device class do you expect under the EU MDR?",
        "Under the MDR, risk classes run from Class I (lowest) through IIa and IIb to Class III (highest, e.g. implants). If nobody has classified the device yet, choose \"Not sure\".",
        [
            new(DeviceClass.EuI, "Class I", "i", "class 1", "1 eu", "eu class i"),
            new(DeviceClass.EuIIa, "Class IIa", "iia", "2a", "class 2a", "ii a"),
            new(DeviceClass.EuIIb, "Class IIb", "iib", "2b", "class 2b", "ii b"),
            new(DeviceClass.EuIII, "Class III", "iii", "class 3", "highest"),
            new(DeviceClass.NotSure, "Not sure", "don t know", "dont know", "unsure", "no idea", "not classified", "unknown"),
        ],
        AdvisorPlaybook.AsksEuClass);

    public static readonly Question<DeviceClass> UsClass = new(
        "usClass",
        "And what FDA device class do you expect?",
        "The FDA uses Class I (lowest risk), Class II (usually a 510(k)) and Class III (usually a PMA). If that has not been assessed yet, choose \"Not sure\".",
        [
            new(DeviceClass.UsI, "Class I", "i", "class 1", "us class i"),
            new(DeviceClass.UsII, "Class II", "ii", "class 2", "510k", "510 k"),
            new(DeviceClass.UsIII, "Class III", "iii", "class 3", "pma"),
            new(DeviceClass.NotSure, "Not sure", "don t know", "dont know", "unsure", "no idea", "unknown"),
        ],
        AdvisorPlaybook.AsksUsClass);

    public static readonly Question<StrategyStatus> RegulatoryStrategy = new(
        "regulatoryStrategy",
        "Is your regulatory strategy (classification, pathway, standards) defined?",
        "A regulatory strategy names the device's classification, the approval route (for example CE marking with a notified body, or a 510(k)) and the standards you will test against.",
        [
            new(StrategyStatus.Yes, "Yes, it's defined", "yes", "defined", "done", "we have one", "complete"),
            new(StrategyStatus.Partly, "Partly", "partially", "in progress", "somewhat", "working on it", "draft"),
            new(StrategyStatus.No, "Not yet", "no", "not yet", "none", "nothing yet"),
            new(StrategyStatus.NotSure, "Not sure", "don t know", "dont know", "unsure", "no idea"),
        ]);

    public static readonly Question<QmsStatus> Qms = new(
        "qms",
        "Does your company run an ISO 13485 quality management system?",
        "ISO 13485 is the quality management standard for medical devices. A partner's certified system can cover development and production while yours is being built.",
        [
            new(QmsStatus.Yes, "Yes, certified", "yes", "certified", "we have iso 13485", "iso certified"),
            new(QmsStatus.InProgress, "Being set up", "in progress", "setting up", "working on it", "implementing", "partly"),
            new(QmsStatus.No, "No", "no", "not yet", "none"),
            new(QmsStatus.NotSure, "Not sure", "don t know", "dont know", "unsure"),
        ]);

    public static readonly Question<Capability> Capabilities = new(
        "capabilities",
        "Which of these do you already have in-house? Choose all that apply.",
        "Tell me what your own team covers today. Whatever is missing is where a partner's services come in.",
        [
            new(Capability.ProductEngineering, "Product engineering", "engineering", "mechanical engineering", "mechanical", "product development"),
            new(Capability.IndustrialDesign, "Industrial design", "design", "id", "ux", "usability", "human factors"),
            new(Capability.ElectronicsSoftware, "Electronics / software", "electronics", "software", "firmware", "embedded", "hardware", "pcb"),
            new(Capability.RegulatoryAffairs, "Regulatory affairs", "regulatory", "ra", "regulatory team"),
            new(Capability.QualityManagement, "Quality management", "quality", "qa", "qm", "qms", "quality assurance"),
            new(Capability.ManufacturingSupplyChain, "Manufacturing / supply chain", "manufacturing", "production", "supply chain", "sourcing", "operations"),
            new(Capability.None, "None of these", "none", "nothing", "none of them", "no one", "nobody"),
        ]);

    public static readonly Question<Priority> Priority = new(
        "priority",
        "What matters most to you right now?",
        "Choose the one goal that would make this partnership a success for you. It shapes what I recommend first.",
        [
            new(Questionnaire.Priority.TimeToMarket, "Time-to-market", "speed", "fast", "faster", "launch quickly", "time to market", "ttm"),
            new(Questionnaire.Priority.CostAtScale, "Cost at scale", "cost", "price", "unit cost", "cheap", "cost efficiency", "scale"),
            new(Questionnaire.Priority.ReduceRisk, "Reducing technical or regulatory risk", "risk", "reduce risk", "less risk", "de risk", "derisk", "compliance", "safety"),
            new(Questionnaire.Priority.AccessToExpertise, "Access to expertise", "expertise", "expert", "experts", "know how", "knowhow", "skills", "experience"),
        ]);

    public static readonly Question<AnnualVolume> Volume = new(
        "volume",
        "Roughly how many units a year do you expect to make once on the market?",
        "An estimate is fine. Volume decides how production should be set up and when design-for-manufacturing pays off most.",
        [
            new(AnnualVolume.UpTo1k, "Up to 1,000", "under 1000", "less than 1000", "few hundred", "hundreds", "low volume", "small"),
            new(AnnualVolume.From1kTo10k, "1,000 - 10,000", "1k 10k", "thousands", "a few thousand", "medium"),
            new(AnnualVolume.From10kTo100k, "10,000 - 100,000", "10k 100k", "tens of thousands"),
            new(AnnualVolume.Over100k, "More than 100,000", "over 100000", "100k", "more than 100k", "hundreds of thousands", "millions", "high volume", "mass production"),
            new(AnnualVolume.NotSure, "Not sure yet", "not sure", "don t know", "dont know", "unsure", "no idea"),
        ]);

    public static readonly Question<LaunchTimeline> Launch = new(
        "launch",
        "When would you like the device on the market?",
        "Your target launch date, as of today. It tells me how much time there is for development, regulatory work and building up production.",
        [
            new(LaunchTimeline.Within12Months, "Within 12 months", "this year", "asap", "less than a year", "under 12 months", "12 months", "next year"),
            new(LaunchTimeline.Within24Months, "In 1-2 years", "1 2 years", "two years", "24 months", "18 months", "within 2 years"),
            new(LaunchTimeline.Later, "More than 2 years", "later", "3 years", "longer", "more than 2 years", "long term"),
            new(LaunchTimeline.NotSure, "Not sure yet", "not sure", "don t know", "dont know", "unsure", "tbd"),
        ],
        AdvisorPlaybook.AsksLaunch);

    public static readonly Question<CurrentNeed> CurrentNeed = new(
        "currentNeed",
        "Your device is already on the market. What do you need now?",
        "For a marketed device, a partner usually takes over production (transfer), adds a second source, helps scale up, or redesigns for a new version or lower cost.",
        [
            new(Questionnaire.CurrentNeed.TransferManufacturing, "Transfer manufacturing", "transfer", "move production", "new manufacturer", "change manufacturer"),
            new(Questionnaire.CurrentNeed.SecondSource, "A second source", "second source", "backup supplier", "dual source", "second supplier"),
            new(Questionnaire.CurrentNeed.ScaleUp, "Scale up production", "scale", "scale up", "more volume", "increase capacity"),
            new(Questionnaire.CurrentNeed.Redesign, "Redesign or next generation", "redesign", "next generation", "new version", "cost reduction", "v2"),
        ],
        AdvisorPlaybook.AsksCurrentNeed);

    public static readonly Question<Region> Location = new(
        "location",
        "Where is your team based?",
        "Working within a few time zones of each other makes collaboration easier, but it is not a requirement.",
        [
            new(Region.Europe, "Europe", "eu", "uk", "switzerland", "germany", "france", "italy", "cet", "gmt"),
            new(Region.NorthAmerica, "North America", "us", "usa", "canada", "america", "est", "pst"),
            new(Region.AsiaPacific, "Asia-Pacific", "asia", "apac", "china", "japan", "australia", "singapore", "india"),
            new(Region.Other, "Elsewhere", "other", "middle east", "africa", "latin america", "south america", "prefer not to say"),
        ]);

    public static readonly Question<ReadinessLevel> KnowsCompetenciesAndGaps = Readiness(
        "knowsGaps", "Does your team have a clear view of its core strengths and of the gaps a partner should fill?");

    public static readonly Question<ReadinessLevel> TeamsAligned = Readiness(
        "teamsAligned", "Are leadership, the technical team and marketing aligned on the product and its goals?");

    public static readonly Question<ReadinessLevel> ClearProductVision = Readiness(
        "productVision", "Is there a clear product vision: who uses it, for what, and what success looks like?");

    public static readonly Question<ReadinessLevel> OpenToChallenge = Readiness(
        "openToChallenge", "Is the team open to having assumptions challenged and to adjusting course when the evidence says so?");

    public const string ReadinessOffer =
        "That's the core of it. Four more quick yes/no questions on partnership readiness would let me add some practical tips. Shall we?";

    public const string ReadinessHelp =
        "These questions never count against you; they only add tips to the recommendation. Say no to skip them.";

    private static Question<ReadinessLevel> Readiness(string id, string text) => new(
        id,
        text,
        "Answer honestly; there are no wrong answers. Each answer only adds a tip.",
        [
            new(ReadinessLevel.Yes, "Yes", "yes", "y", "definitely", "absolutely", "we do"),
            new(ReadinessLevel.Partly, "Partly", "partially", "somewhat", "sort of", "kind of", "mostly", "not fully"),
            new(ReadinessLevel.No, "Not really", "no", "n", "not yet", "not really"),
        ],
        AdvisorPlaybook.AsksReadiness);

    /// <summary>Every answer, in question order: for changing an answer and for summaries.</summary>
    public static readonly IReadOnlyList<IQuestionSlot> Slots =
    [
        new ChoiceSlot<Organization>("Organization", Organization, a => a.Organization, (a, v) => a.Organization = v),
        new ChoiceSlot<DesignMaturity>("Design maturity", Maturity, a => a.Maturity, (a, v) => a.Maturity = v),
        new ChoiceSlot<TargetMarket>("Target markets", Markets, a => a.Markets, (a, v) => a.Markets = v),
        new ChoiceSlot<DeviceClass>("EU device class", EuClass, a => a.EuClass, (a, v) => a.EuClass = v),
        new ChoiceSlot<DeviceClass>("US device class", UsClass, a => a.UsClass, (a, v) => a.UsClass = v),
        new ChoiceSlot<StrategyStatus>("Regulatory strategy", RegulatoryStrategy, a => a.RegulatoryStrategy, (a, v) => a.RegulatoryStrategy = v),
        new ChoiceSlot<QmsStatus>("ISO 13485 QMS", Qms, a => a.Qms, (a, v) => a.Qms = v),
        new CapabilitiesSlot(),
        new ChoiceSlot<Priority>("Priority", Priority, a => a.Priority, (a, v) => a.Priority = v),
        new ChoiceSlot<AnnualVolume>("Annual volume", Volume, a => a.Volume, (a, v) => a.Volume = v),
        new ChoiceSlot<LaunchTimeline>("Launch", Launch, a => a.Launch, (a, v) => a.Launch = v),
        new ChoiceSlot<CurrentNeed>("Current need", CurrentNeed, a => a.CurrentNeed, (a, v) => a.CurrentNeed = v),
        new ChoiceSlot<Region>("Location", Location, a => a.Location, (a, v) => a.Location = v),
        new ChoiceSlot<ReadinessLevel>("Knows strengths and gaps", KnowsCompetenciesAndGaps, a => a.KnowsCompetenciesAndGaps, (a, v) => a.KnowsCompetenciesAndGaps = v),
        new ChoiceSlot<ReadinessLevel>("Teams aligned", TeamsAligned, a => a.TeamsAligned, (a, v) => a.TeamsAligned = v),
        new ChoiceSlot<ReadinessLevel>("Clear product vision", ClearProductVision, a => a.ClearProductVision, (a, v) => a.ClearProductVision = v),
        new ChoiceSlot<ReadinessLevel>("Open to challenge", OpenToChallenge, a => a.OpenToChallenge, (a, v) => a.OpenToChallenge = v),
    ];

    public static IQuestionSlot Slot(string id) => Slots.First(s => s.Id == id);
}
