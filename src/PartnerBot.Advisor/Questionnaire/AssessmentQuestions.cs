using static PartnerBot.Advisor.Questionnaire.DesignMaturity;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// The advisor's questionnaire: every question once, in the order it is asked, with its wording, options and
/// synonyms, help, how typed answers are read, when it applies and where its answer goes. A question is its own
/// identity (its name comes from its answer's property). To add a question, add an entry to <see cref="All"/>
/// and a property to <see cref="Assessment"/> for its answer; the dialogs, the progress count, "back", "change
/// an answer" and descriptions of the whole project follow from the list. A synonym written "~word" is a weak
/// hint, confirmed with the prospect before it is stored.
/// </summary>
public static class AssessmentQuestions
{
    private static readonly string[] NotSureWords = ["not sure", "don t know", "dont know", "do not know", "unsure", "no idea", "dunno", "no clue", "not certain", "unclear"];

    public static readonly Question<bool> Consent = new()
    {
        Answer = AnswerSlot.Of(a => a.ConsentGiven),
        Label = "Consent to keep the conversation",
        Text = "May we keep this conversation so that our team can follow up with you?",
        Help = "If you say yes, we store this conversation and your answers so an expert can review them and follow up. If you say no, you still get the full advice, and we keep nothing that identifies you.",
        Options =
        [
            new(true, "Yes, keep it", "yes", "y", "yeah", "yep", "sure", "ok", "okay", "fine", "that s fine", "thats fine", "go ahead", "agree", "i agree", "of course", "please do"),
            new(false, "No, thanks", "no", "n", "nope", "no thanks", "no thank you", "decline", "rather not", "rather you didn", "don t keep", "dont keep", "do not keep", "prefer not"),
        ],
        Yes = true,
        No = false,
        Opposites = [(true, false)],
        Numbering = Numbering.None,
    };

    public static readonly Question<Organization> Organization = new()
    {
        Answer = AnswerSlot.Of(a => a.Organization),
        Label = "Organization",
        Text = "First, what kind of organization are you?",
        Help = "This helps me weigh capital and headcount: startups often use a development partner instead of hiring a full team, while larger companies usually want speed and a partner's established quality system.",
        Options =
        [
            new(Questionnaire.Organization.Startup, "Startup", "start up", "start-up", "founder", "founders", "cofounder", "co founder", "spin off", "spinoff", "spin out", "early stage company", "pre seed", "seed stage", "seed funded", "university spin off", "just me"),
            new(Questionnaire.Organization.GrowingSme, "Growing SME", "sme", "small company", "mid size", "midsize", "mid sized", "medium sized", "medium size", "scale up", "scaleup", "growing company", "family owned", "small business", "mittelstand"),
            new(Questionnaire.Organization.Enterprise, "Enterprise", "large company", "corporate", "corporation", "multinational", "big company", "fortune 500", "global company", "large medtech", "listed company", "big corporation"),
        ],
        Readers = [AnswerReaders.Headcount],
        InDescription = DescriptionRule.Anywhere,
    };

    public static readonly Question<DesignMaturity> Maturity = new()
    {
        Answer = AnswerSlot.Of(a => a.Maturity),
        Label = "Design maturity",
        Text = "How far along is the device design?",
        Help = "Pick the stage that describes the device today. A proof-of-concept prototype shows that the principle works (often 3D-printed or on a breadboard) but is not yet designed for production. " +
            "A design in progress has engineering prototypes close to the final product, with requirements and design controls being documented. " +
            "\"Design frozen\" means the design is locked and verification (testing against the requirements) has started; \"verified\" means verification is complete and validation " +
            "(showing, on production or production-equivalent units, that the device meets the users' needs) is still to do; \"validated\" means both are complete. " +
            "Design transfer is when the validated design is being industrialized at the production site.",
        Options =
        [
            new(Concept, "Idea or concept only", "idea", "concept", "just an idea", "napkin sketch", "sketch", "nothing built yet", "nothing built", "concept stage", "idea stage", "on paper"),
            new(ProofOfConcept, "Proof-of-concept prototype", "poc", "proof of concept", "first prototype", "3d printed prototype", "3d printed", "breadboard", "works like prototype", "feasibility prototype", "working prototype", "prototype that works", "feasibility", "~prototype"),
            new(DesignInProgress, "Design in progress", "engineering prototype", "engineering prototypes", "design controls", "in development", "developing", "designing", "still designing", "still in design", "being designed", "design phase", "iterating the design", "iterating", "detailed design", "alpha prototype", "~design"),
            new(DesignFrozen, "Design frozen, verification under way", "frozen", "design freeze", "design frozen", "in verification", "verification under way", "verification testing", "design locked", "locked", "dv test", "dv testing", "design verification", "~verification"),
            // "verified" alone is weak on purpose: it often stands for "verified and validated".
            new(VerificationComplete, "Verification complete, validation still to do", "verification complete", "verification done", "verification finished", "verification completed", "finished verification", "completed verification", "done with verification", "through verification", "passed verification", "dv complete", "dv done", "validation next", "validation to do", "validation pending", "validation still to do", "~verified"),
            new(Validated, "Validated (V&V complete)", "v&v complete", "v and v complete", "v&v done", "vv done", "validated", "fully validated", "validation complete", "validation done", "ready for transfer", "verified and validated"),
            new(InTransfer, "In design transfer", "in transfer", "design transfer", "transferring to production", "industrialization", "industrialisation", "pilot production", "pilot line", "transfer under way", "validated and in transfer", "validated and in design transfer", "validated now in transfer", "validated, transferring"),
            new(OnMarket, "Already on the market", "on the market", "on market", "marketed", "selling", "we sell", "commercially available", "launched", "in production", "being sold", "cleared and selling"),
            new(DesignMaturity.NotSure, "Not sure", NotSureWords),
        ],
        InDescription = DescriptionRule.Anywhere,
    };

    public static readonly Question<CurrentNeed> CurrentNeed = new()
    {
        Answer = AnswerSlot.Of(a => a.CurrentNeed),
        Label = "Current need",
        Text = "Your device is already on the market. What do you need now?",
        Help = "For a marketed device, a partner usually takes over production (transfer), adds a second source, helps scale up, or develops a new version.",
        Options =
        [
            new(Questionnaire.CurrentNeed.TransferManufacturing, "Transfer manufacturing", "transfer", "move production", "new manufacturer", "change manufacturer", "take over production", "switch manufacturer", "move manufacturing", "new contract manufacturer"),
            new(Questionnaire.CurrentNeed.SecondSource, "A second source", "second source", "backup supplier", "dual source", "second supplier", "backup manufacturer", "second manufacturer", "dual sourcing"),
            new(Questionnaire.CurrentNeed.ScaleUp, "Scale up production", "scale", "scale up", "more volume", "increase capacity", "ramp up", "higher volume", "more capacity"),
            // Not "cost reduction": that can mean a cheaper manufacturer as much as a new design, so it is asked again.
            new(Questionnaire.CurrentNeed.Redesign, "Redesign or next generation", "redesign", "next generation", "new version", "v2", "next gen", "new generation", "update the design"),
        ],
        AppliesWhen = a => a.Maturity is OnMarket,
    };

    public static readonly Question<TargetMarket> Markets = new()
    {
        Answer = AnswerSlot.Of(a => a.Markets),
        Label = "Target markets",
        Text = "Which markets are you aiming for first?",
        Help = "The target market decides the regulatory framework: the EU Medical Device Regulation (MDR) or the US FDA. Choose \"Not decided yet\" if that is still open; that is useful to know too.",
        Options =
        [
            new(TargetMarket.Eu, "EU (MDR)", ["eu", "europe", "european union", "mdr", "ce mark", "ce", "ce marking", "european", .. Understanding.Places.EuCountries]),
            new(TargetMarket.Us, "US (FDA)", "us", "usa", "united states", "america", "fda", "510k", "510 k", "pma", "de novo", "u s", "u s a", "the states"),
            new(TargetMarket.EuAndUs, "Both EU and US", "both", "eu and us", "us and eu", "europe and us", "mdr and fda", "fda and mdr", "both markets", "same time"),
            new(TargetMarket.Other, "Other markets", ["other", "asia", "rest of world", "row", "elsewhere", .. Understanding.Places.OtherMarketCountries]),
            new(TargetMarket.NotDecided, "Not decided yet", ["not decided", "undecided", "tbd", "not picked", "havent picked", "have not picked", "haven t decided", "have not decided", "not chosen", "depends", .. NotSureWords]),
        ],
        Combine = set => set.Count > 1 && set.All(m => m is TargetMarket.Eu or TargetMarket.Us or TargetMarket.EuAndUs) ? TargetMarket.EuAndUs : null,
        // In a description, only a clause about markets counts: "a startup based in Germany" says where they are, not where they sell.
        InDescription = DescriptionRule.AboutTopic,
        Topic = ["aim", "aiming", "target", "targeting", "market", "markets", "launch", "sell", "selling", "approval", "clearance", "first", "ce", "fda", "mdr", "510k"],
    };

    public static readonly Question<DeviceClass> EuClass = new()
    {
        Answer = AnswerSlot.Of(a => a.EuClass),
        Label = "EU device class",
        Text = "What device class do you expect under the EU MDR?",
        Help = "Under the MDR, risk classes run from Class I (lowest) through IIa and IIb to Class III (highest, e.g. implants). " +
            "From class IIa up, and for class I devices that are sterile, measure or are reusable surgical instruments, a notified body " +
            "(an independent organization designated to assess medical devices) must review the device before it gets its CE mark. If nobody has classified the device yet, choose \"Not sure\".",
        Options =
        [
            new(DeviceClass.EuI, "Class I", "eu class i", "lowest class"),
            new(DeviceClass.EuIIa, "Class IIa"),
            new(DeviceClass.EuIIb, "Class IIb"),
            new(DeviceClass.EuIII, "Class III", "highest", "highest class", "~implant"),
            new(DeviceClass.NotSure, "Not sure", ["not classified", "unknown", "not yet classified", "no classification yet", .. NotSureWords]),
        ],
        Readers = [AnswerReaders.EuClass],
        ReadersReadTitles = true,
        // The EU class is the stricter default while the market is open (and counted until it is known); "other
        // markets" are neither the MDR's nor the FDA's.
        AppliesWhen = a => a.Markets is not (TargetMarket.Us or TargetMarket.Other),
        InDescription = DescriptionRule.ReadersOnly,
    };

    public static readonly Question<DeviceClass> UsClass = new()
    {
        Answer = AnswerSlot.Of(a => a.UsClass),
        Label = "US device class",
        Text = "And what FDA device class do you expect?",
        Help = "The FDA uses Class I (lowest risk, often exempt from review), Class II (usually a 510(k): showing the device is substantially equivalent to one already on the market) " +
            "and Class III (usually a PMA, premarket approval: the FDA's most demanding review, normally with clinical data). A novel device of low or moderate risk with no equivalent on the market may go through De Novo, as class I or II. If that has not been assessed yet, choose \"Not sure\".",
        Options =
        [
            new(DeviceClass.UsI, "Class I", "us class i", "lowest class"),
            new(DeviceClass.UsII, "Class II"),
            new(DeviceClass.UsIII, "Class III", "highest", "life sustaining", "life supporting"),
            new(DeviceClass.NotSure, "Not sure", ["unknown", "not classified", .. NotSureWords]),
        ],
        Readers = [AnswerReaders.UsClass],
        ReadersReadTitles = true,
        AppliesWhen = a => a.Markets is TargetMarket.Us or TargetMarket.EuAndUs,
        InDescription = DescriptionRule.ReadersOnly,
    };

    public static readonly Question<StrategyStatus> RegulatoryStrategy = new()
    {
        Answer = AnswerSlot.Of(a => a.RegulatoryStrategy),
        Label = "Regulatory strategy",
        Text = "Is your regulatory strategy (classification, pathway, standards) defined?",
        TextFor = a => a.Maturity is OnMarket
            ? "For the markets you want to serve now, is the regulatory side settled: classification, approvals and the standards you comply with, with the file up to date?"
            : null,
        Help = "A regulatory strategy names the device's classification, the approval route (for example CE marking with a notified body's review, a 510(k) or a PMA) and the standards the device will be tested against.",
        Options =
        [
            new(StrategyStatus.Yes, "Yes, it's defined", "yes", "defined", "done", "we have one", "complete", "settled", "fully defined", "written up", "in place", "standards listed", "predicate picked"),
            new(StrategyStatus.Partly, "Partly", "partially", "in progress", "somewhat", "working on it", "draft", "not fully", "partly defined", "still open", "half done"),
            new(StrategyStatus.No, "Not yet", "no", "not yet", "none", "nothing yet", "nope", "not started", "haven t started", "have not started"),
            new(StrategyStatus.NotSure, "Not sure", NotSureWords),
        ],
        Yes = StrategyStatus.Yes,
        No = StrategyStatus.No,
        Opposites = [(StrategyStatus.Yes, StrategyStatus.No), (StrategyStatus.Partly, StrategyStatus.No)],
        InDescription = DescriptionRule.AboutTopic,
        Topic = ["regulatory strategy", "regulatory pathway", "regulatory plan", "regulatory route", "regulatory path"],
    };

    public static readonly Question<QmsStatus> Qms = new()
    {
        Answer = AnswerSlot.Of(a => a.Qms),
        Label = "Quality management system",
        Text = "Does your company run a quality management system for medical devices (ISO 13485, or the FDA's QMSR)?",
        Help = "ISO 13485 is the quality management standard for medical devices. The FDA's Quality Management System Regulation (QMSR, 21 CFR 820, in force since " +
            "2 February 2026) builds on ISO 13485 but asks for no certificate; for the CE mark of most devices, a notified body audits the system. " +
            "A partner's certified system can cover development and production while yours is being built.",
        Options =
        [
            new(QmsStatus.Yes, "Yes, ISO 13485 certified", "yes", "certified", "we have iso 13485", "iso certified", "yes we are", "certificate", "we are certified", "iso 13485 certified", "certified to iso 13485"),
            new(QmsStatus.CompliantNotCertified, "Yes, but not certified", "compliant but not certified", "compliant without a certificate", "compliant but uncertified", "qmsr", "qmsr compliant", "21 cfr 820", "part 820", "we follow iso 13485", "follow iso 13485", "~compliant"),
            new(QmsStatus.InProgress, "Being set up", "in progress", "setting up", "set up", "working on it", "implementing", "partly", "building one", "building", "audit planned", "certification audit", "being built"),
            new(QmsStatus.No, "No", "no", "not yet", "none", "nope", "nothing"),
            new(QmsStatus.NotSure, "Not sure", NotSureWords),
        ],
        Yes = QmsStatus.Yes,
        No = QmsStatus.No,
        Opposites = [(QmsStatus.Yes, QmsStatus.No), (QmsStatus.InProgress, QmsStatus.No), (QmsStatus.CompliantNotCertified, QmsStatus.No)],
        InDescription = DescriptionRule.AboutTopic,
        Topic = ["qms", "quality system", "quality management system", "iso 13485", "13485", "iso"],
        TopicReach = 3,
    };

    public static readonly Question<DocumentationStatus> Specifications = new()
    {
        Answer = AnswerSlot.Of(a => a.Specifications),
        Label = "Specifications and documentation",
        Text = "Are the specifications and manufacturing documentation complete (released drawings or CAD, bill of materials, design history file)?",
        Help = "A manufacturer builds exactly what the documents say, so they need to be complete and released. The design history file (DHF) is the record of how the design was developed, verified and validated.",
        Options =
        [
            new(DocumentationStatus.Complete, "Yes, complete and released", "yes", "complete", "released", "all done", "fully documented"),
            new(DocumentationStatus.Partial, "Partly", "partially", "some", "in progress", "mostly", "~cad", "still open"),
            new(DocumentationStatus.Missing, "No", "no", "not yet", "missing", "none", "nothing documented", "nothing"),
            new(DocumentationStatus.NotSure, "Not sure", NotSureWords),
        ],
        Yes = DocumentationStatus.Complete,
        No = DocumentationStatus.Missing,
        Opposites = [(DocumentationStatus.Complete, DocumentationStatus.Partial)],
        AppliesWhen = a => a.Maturity is DesignFrozen or VerificationComplete or Validated or InTransfer or OnMarket,
        InDescription = DescriptionRule.AboutTopic,
        Topic = ["specifications", "documentation", "dhf", "design history file", "bill of materials", "bom", "drawings"],
    };

    public static readonly Question<DesignOwner> DesignOwner = new()
    {
        Answer = AnswerSlot.Of(a => a.DesignOwner),
        Label = "Design responsibility",
        Text = "Who will be responsible for the design from now on: changes, risk management and the design documentation?",
        Help = "A contract manufacturer builds a design someone else is responsible for. If you would rather hand that responsibility to the partner, a development partner is the better fit.",
        Options =
        [
            new(Questionnaire.DesignOwner.OurTeam, "Our own team", "we do", "us", "our team", "in house", "ourselves", "we keep", "keep design responsibility", "our r&d", "we will own", "own it"),
            new(Questionnaire.DesignOwner.Partner, "We'd like the partner to take it on", "partner", "the partner", "you", "hand it over", "outsource it", "take it over", "you take", "rather hand"),
            new(Questionnaire.DesignOwner.NotDecided, "Not decided yet", ["not decided", "undecided", "tbd", "haven t decided", "have not decided", .. NotSureWords]),
        ],
        AppliesWhen = a => a.Maturity is Validated or InTransfer or OnMarket,
    };

    public static readonly Question<YesNoUnsure> ManufacturabilityReview = new()
    {
        Answer = AnswerSlot.Of(a => a.ManufacturabilityReview),
        Label = "Manufacturability review",
        Text = "Has the design been reviewed for manufacturing and assembly (a DFM/DFA review)?",
        Help = "Design for manufacturing and assembly (DFM/DFA) reviews check that parts can be made and assembled reliably and at the planned cost and volume, before the design is locked for good.",
        Options =
        [
            new(YesNoUnsure.Yes, "Yes", "yes", "done", "reviewed", "we did", "did", "dfm done", "dfma review", "dfm review", "full review", "yes twice"),
            new(YesNoUnsure.No, "No", "no", "not yet", "never", "nope", "no review", "we haven t", "have not", "straight from prototype"),
            new(YesNoUnsure.NotSure, "Not sure", NotSureWords),
        ],
        Yes = YesNoUnsure.Yes,
        No = YesNoUnsure.No,
        Opposites = [(YesNoUnsure.Yes, YesNoUnsure.No)],
        AppliesWhen = a => a.Maturity is DesignFrozen or VerificationComplete or Validated or InTransfer,
        InDescription = DescriptionRule.AboutTopic,
        Topic = ["dfm", "dfa", "dfma", "manufacturability", "design for manufacturing"],
    };

    public static readonly MultiChoiceQuestion<Capability> Capabilities = new()
    {
        Answer = AnswerSlot.Of(a => a.Capabilities),
        Label = "In-house capabilities",
        Text = "Which of these do you already have in-house? Choose all that apply.",
        Help = "Tell me what your own team covers today. Whatever is missing is where a partner's services come in.",
        Options =
        [
            new(Capability.ProductEngineering, "Product engineering", "engineering", "mechanical engineering", "mechanical", "product development", "mechanical engineer", "engineer", "r&d", "~design"),
            new(Capability.IndustrialDesign, "Industrial design", "id", "ux", "usability", "human factors", "industrial designer", "~design"),
            new(Capability.ElectronicsSoftware, "Electronics / software", "electronics", "software", "firmware", "embedded", "hardware", "pcb", "sw", "firmware guy", "electrical"),
            new(Capability.RegulatoryAffairs, "Regulatory affairs", "regulatory", "ra", "regulatory team", "regulatory affairs"),
            new(Capability.QualityManagement, "Quality management", "quality", "qa", "qm", "qms", "quality assurance", "qa manager", "quality manager"),
            new(Capability.ManufacturingSupplyChain, "Manufacturing / supply chain", "manufacturing", "production", "supply chain", "sourcing", "operations", "procurement"),
            new(Capability.None, "None of these", "none", "nothing", "none of them", "no one", "nobody", "nothing in house", "none of these"),
        ],
        NoneOfThese = Capability.None,
    };

    public static readonly Question<YesNoUnsure> HasElectronics = new()
    {
        Answer = AnswerSlot.Of(a => a.HasElectronics),
        Label = "Electronics or software in the device",
        Text = "Does the device itself contain electronics or software?",
        Help = "You don't have electronics or software in-house; I only suggest help with them if the device needs them.",
        Options =
        [
            new(YesNoUnsure.Yes, "Yes", "yes", "it does", "electronics", "software", "both", "pcb", "firmware", "sensor", "bluetooth", "battery", "app", "connected"),
            new(YesNoUnsure.No, "No, it's purely mechanical", "no", "none", "mechanical", "purely mechanical", "passive", "nope"),
            new(YesNoUnsure.NotSure, "Not sure yet", NotSureWords),
        ],
        Yes = YesNoUnsure.Yes,
        No = YesNoUnsure.No,
        Opposites = [(YesNoUnsure.Yes, YesNoUnsure.No)],
        AppliesWhen = a => a.Capabilities is { } have && !have.Contains(Capability.ElectronicsSoftware),
    };

    public static readonly Question<Priority> Priority = new()
    {
        Answer = AnswerSlot.Of(a => a.Priority),
        Label = "Priority",
        Text = "What matters most to you right now?",
        Help = "Choose the one goal that would make this partnership a success for you. It shapes what I recommend first.",
        Options =
        [
            new(Questionnaire.Priority.TimeToMarket, "Time-to-market", "speed", "fast", "faster", "launch quickly", "time to market", "ttm", "to market fast", "quickly", "asap"),
            new(Questionnaire.Priority.CostAtScale, "Cost at scale", "cost", "price", "unit cost", "cheap", "cost efficiency", "scale", "unit cost low", "low cost", "margin"),
            new(Questionnaire.Priority.ReduceRisk, "Reducing technical or regulatory risk", "risk", "reduce risk", "reducing risk", "less risk", "de risk", "derisk", "de risking", "derisking", "compliance", "safety", "regulatory risk"),
            new(Questionnaire.Priority.AccessToExpertise, "Access to expertise", "expertise", "expert", "experts", "know how", "knowhow", "skills", "experience", "done this before", "people who have done"),
        ],
        InDescription = DescriptionRule.AboutTopic,
        Topic = ["priority", "matters most", "main goal", "focus"],
    };

    public static readonly Question<AnnualVolume> Volume = new()
    {
        Answer = AnswerSlot.Of(a => a.Volume),
        Label = "Annual volume",
        Text = "Roughly how many units a year do you expect to make once on the market?",
        TextFor = a => a.Maturity is OnMarket ? "Roughly how many units a year should the new production make?" : null,
        Help = "An estimate is fine. Volume decides how production should be set up and when design-for-manufacturing pays off most.",
        Options =
        [
            new(AnnualVolume.UpTo1k, "Up to 1,000", "low volume", "small volume", "small series"),
            new(AnnualVolume.From1kTo10k, "1,000 - 10,000", "medium volume"),
            new(AnnualVolume.From10kTo100k, "10,000 - 100,000"),
            new(AnnualVolume.Over100k, "More than 100,000", "high volume", "mass production", "mass market"),
            new(AnnualVolume.NotSure, "Not sure yet", ["no estimate", .. NotSureWords]),
        ],
        Readers = [AnswerReaders.Volume],
        InDescription = DescriptionRule.ReadersOnly,
    };

    public static readonly Question<LaunchTimeline> Launch = new()
    {
        Answer = AnswerSlot.Of(a => a.Launch),
        Label = "Launch",
        Text = "When would you like the device on the market?",
        Help = "Your target launch date, as of today. It tells me how much time there is for development, regulatory work and building up production.",
        Options =
        [
            new(LaunchTimeline.Within12Months, "Within 12 months", "this year", "asap", "as soon as possible", "less than a year", "under 12 months", "right away", "immediately", "within a year", "within one year", "within the year", "under a year"),
            new(LaunchTimeline.Within24Months, "In 1-2 years", "1 2 years", "1 to 2 years"),
            new(LaunchTimeline.Later, "More than 2 years", "later", "longer", "long term", "no rush"),
            new(LaunchTimeline.NotSure, "Not sure yet", ["tbd", "no fixed date", "no date", "no target date", .. NotSureWords]),
        ],
        Readers = [AnswerReaders.Launch],
        // A device already on the market has no launch date.
        AppliesWhen = a => a.Maturity is not OnMarket,
        InDescription = DescriptionRule.ReadersOnly,
    };

    public static readonly Question<Region> Location = new()
    {
        Answer = AnswerSlot.Of(a => a.Location),
        Label = "Location",
        Text = "Where is your team based?",
        Help = "Working within a few time zones of each other makes collaboration easier, but it is not a requirement. A country, a city or a time zone is enough.",
        Options =
        [
            new(Region.Europe, "Europe"),
            new(Region.NorthAmerica, "North America"),
            new(Region.AsiaPacific, "Asia-Pacific"),
            new(Region.Other, "Elsewhere", "other"),
            new(Region.PreferNotToSay, "I'd rather keep it private", "prefer not to say", "rather not say", "private"),
        ],
        Readers = [AnswerReaders.Location],
        InDescription = DescriptionRule.ReadersOnly,
    };

    /// <summary>The questionnaire, in the order the questions are asked.</summary>
    public static readonly QuestionList All = new(
    [
        Consent,
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
        // The optional readiness questions, after the offer to ask them.
        ReadinessQuestions.ReadinessOffer,
        ReadinessQuestions.KnowsCompetenciesAndGaps, ReadinessQuestions.TeamsAligned, ReadinessQuestions.ClearProductVision,
        ReadinessQuestions.OpenToChallenge, ReadinessQuestions.CuriousAndOpen, ReadinessQuestions.ChallengesPartner,
        ReadinessQuestions.BringsInSpecialists, ReadinessQuestions.CalculatedRisk, ReadinessQuestions.Ambitious,
    ]);
}
