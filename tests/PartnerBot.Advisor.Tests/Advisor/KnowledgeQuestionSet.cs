namespace PartnerBot.Tests.Advisor;

/// <summary>Questions prospects ask in the middle of the assessment, each with the knowledge entry and passage that answers it.</summary>
public static class KnowledgeQuestionSet
{
    /// <summary>
    /// A question as a prospect types it, the knowledge entry (file name without ".md") whose passage must be shown, and
    /// a phrase copied exactly from that passage. A question about two things without a comparison entry names both
    /// entries separated by "+" and both phrases, in the same order, separated by "|".
    /// </summary>
    public sealed record Case(string Question, string Entries, string Phrases);

    public static readonly Case[] All =
    [
        // Engagement models
        new("what is design transfer?", "design-transfer", "turns a validated design"),
        new("What is a CDMO?", "what-is-a-cdmo", "both develops and manufactures a medical device"),
        new("what does CMO stand for", "what-is-a-cmo", "A CMO (contract manufacturing organization) manufactures"),
        new("what's the difference between a CDMO and a CMO?", "cdmo-vs-cmo", "The difference between a CDMO and a CMO"),
        new("cdmo or cmo, which one fits us", "cdmo-vs-cmo", "choose a CDMO while the product"),
        new("can we start with a cdmo and switch to a cmo later?", "cdmo-then-cmo", "you start with a CDMO and move"),
        new("who is responsible for the design if we use a contract manufacturer", "design-responsibility", "design responsibility stays with you"),
        new("who is the legal manufacturer", "design-responsibility", "the legal manufacturer is the company that places"),

        // Lifecycle phases
        new("what is PD", "product-definition", "is the first lifecycle phase"),
        new("what happens in design & development?", "design-and-development", "in which the device is actually designed"),
        new("what does DT mean", "design-transfer", "turns a validated design"),
        new("what is industrialization", "design-transfer", "Design transfer includes industrialization"),
        new("what is the CM phase", "contract-manufacturing", "the device is produced for the market"),
        new("what do you mean by scalable manufacturing", "contract-manufacturing", "Scalable ISO 13485 manufacturing means production"),
        new("whats the diff between DT and CM", "design-transfer+contract-manufacturing", "turns a validated design|the device is produced for the market"),

        // Services
        new("what is usability engineering?", "industrial-design-and-usability", "usability engineering follows IEC 62366-1"),
        new("what's a summative evaluation", "industrial-design-and-usability", "Usability engineering ends with a summative evaluation"),
        new("do you do rapid prototyping", "prototyping", "such as 3D printing, machined parts"),
        new("what is dfm", "dfm-dfa", "design for manufacturing and design for assembly"),
        new("why do a DFM review before the design freeze?", "dfm-dfa", "pays off most before the design is frozen"),
        new("what kind of testing do you do", "testing-verification-validation", "coordinates testing at accredited labs"),
        new("what is a traceability matrix", "testing-verification-validation", "a traceability matrix links requirements, risks and tests"),
        new("do you write the technical documentation?", "regulatory-and-quality-documentation", "described in Annexes II and III"),
        new("how do you qualify suppliers", "supply-chain-and-sourcing", "suppliers are evaluated and monitored"),
        new("do you develop firmware", "electronics-and-software", "firmware, embedded software or apps"),
        new("what is IEC 62304", "electronics-and-software", "medical device software is developed under IEC 62304"),
        new("what is sustaining engineering", "sustaining-engineering", "after it has been transferred to production"),
        new("whats a bill of materials", "manufacturing-documentation", "the list of every part and its quantity"),

        // Development concepts
        new("difference between verification and validation", "verification-vs-validation", "The difference between verification and validation"),
        new("verificaton vs validation?", "verification-vs-validation", "The difference between verification and validation"),
        new("what is design verification", "verification-vs-validation", "Design verification shows that the design outputs"),
        new("explain process validation", "process-validation", "consistently makes product that meets its specifications"),
        new("what's IQ OQ PQ", "process-validation", "installation qualification (IQ), operational qualification (OQ)"),
        new("is process validation the same as design validation?", "process-validation", "is not the same as design validation"),
        new("what is a DHF", "design-history-file", "is the collected record of how"),
        new("desing history file?", "design-history-file", "is the collected record of how"),
        new("what's a design and development file", "design-history-file", "calls this record the design and development file"),
        new("what does design freeze mean", "design-freeze", "the point at which the design is locked"),
        new("difference between a design freeze and design transfer", "design-freeze+design-transfer", "the point at which the design is locked|turns a validated design"),
        new("difference between proof of concept and engineering prototype", "proof-of-concept-vs-engineering-prototype", "shows that the principle works"),
        new("what are design controls", "design-controls", "are the quality system rules for developing"),
        new("when do design controls start", "design-controls", "usually start once a concept has been chosen"),
        new("what is iso 14971", "risk-management", "Risk management for medical devices follows ISO 14971"),

        // Quality system
        new("what is iso13485", "iso-13485", "is the international standard for quality management systems"),
        new("what does compliant but not certified mean", "iso-13485", "can be in one of three states"),
        new("do you need iso 13485 certification for the fda?", "qmsr", "The FDA does not require ISO 13485 certification"),
        new("What is the QMSR?", "qmsr", "Quality Management System Regulation (QMSR)"),
        new("is the QSR still valid", "qmsr", "The QMSR replaced the older Quality System Regulation"),

        // EU
        new("what are the eu mdr classes", "eu-mdr-device-classes", "four risk classes: I, IIa, IIb and III"),
        new("is class I self-certified under the mdr?", "eu-mdr-device-classes", "the manufacturer declares conformity itself"),
        new("whats a nb", "notified-body", "is an independent organization designated by"),
        new("waht is a notifed body", "notified-body", "is an independent organization designated by"),
        new("how do i get a CE mark", "ce-marking", "affixes the CE mark once the device"),

        // US
        new("what are the FDA device classes", "fda-device-classes", "into three classes by risk"),
        new("how do i find out my fda class", "fda-device-classes", "look up its classification regulation and product code"),
        new("what is a 510(k)?", "510k", "submission used for most class II devices"),
        new("what is a predicate device", "510k", "a device already legally on the US market"),
        new("how long does a 510k take", "510k", "How long a 510(k) takes"),
        new("what is de novo", "de-novo", "novel device of low or moderate risk"),
        new("what if there is no predicate for our device", "de-novo", "novel device of low or moderate risk"),
        new("what's a PMA?", "pma", "is the FDA's most demanding review"),
        new("difference between 510k and pma", "510k+pma", "submission used for most class II devices|is the FDA's most demanding review"),
        new("what does a regulatory strategy include", "regulatory-strategy", "A regulatory strategy includes the intended purpose"),
        new("what is a pre-sub", "regulatory-strategy", "a Pre-Submission meeting lets the FDA comment"),

        // Marketed devices
        new("what is a second source", "manufacturing-transfer", "a second source adds a second manufacturer"),
        new("do we need a new 510k if we move production to another site", "manufacturing-transfer", "a site change is normally handled"),
        new("do we need a pma supplement to change manufacturer", "pma", "to a new manufacturer needs a PMA supplement"),

        // The assessment itself
        new("What does confidence mean here?", "recommendation-confidence", "how firmly your answers point"),
        new("why is my confidence low", "recommendation-confidence", "because the missing fact could point elsewhere"),
        new("how does this work?", "how-the-assessment-works", "a dozen or so short questions"),
        new("what happens to my data if i say no", "how-the-assessment-works", "nothing that identifies you is kept"),
    ];

    /// <summary>Questions the knowledge base cannot and should not answer; the bot says an expert can answer them.</summary>
    public static readonly string[] Unanswerable =
    [
        "how much will it cost to develop my device?",
        "can you make my device by March",
        "do you have a cleanroom in Ohio?",
        "what's the weather like today",
        "what is your hourly rate for engineers",
        "who are some of your current customers",
        "can you sign our NDA this week?",
        "do you have capacity for 50,000 units next quarter",
    ];
}
