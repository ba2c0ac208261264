using PartnerBot.Advisor.Playbook;

namespace PartnerBot.Tests.Advisor;

/// <summary>
/// Prospect profiles typed (and clicked) through the whole assessment, each with the recommendation a person who
/// knows the field expects for it (ADVISOR.md): the advisor's scripts run all of them, the HTTP tests a few.
/// </summary>
public static class AdvisorPersonas
{
    public sealed record Script(string Name, string[] Answers, EngagementModel Model, string Headline, string Start, string[] Services, string[] Risks, string[] Tips)
    {
        /// <summary>The card says what this profile calls for: model, start, services, risks (none when none), tips, next steps.</summary>
        public void Check(RecommendationView card)
        {
            Assert.Equal(Headline, card.Headline);
            Assert.Equal(Start, card.StartPhase);
            var services = string.Join("\n", card.Section("Services"));
            foreach (var service in Services) Assert.Contains(service, services);
            var risks = string.Join("\n", card.Section("Risks to watch"));
            foreach (var risk in Risks) Assert.Contains(risk, risks);
            if (Risks.Length == 0) Assert.Empty(card.Section("Risks to watch"));
            var tips = string.Join("\n", card.Section("Partnership tips"));
            foreach (var tip in Tips) Assert.Contains(tip, tips);
            Assert.Equal(["Talk to an expert", "Change an answer", "Start over"], card.ActionTitles);
        }
    }

    public static readonly Script[] Scripts =
    [
        new("startup at concept",
            ["hi", "yes", "startup", "idea", "EU", "IIa", "not yet", "no", "product engineering, electronics", "time to market", "1,000 - 10,000", "in 1-2 years", "europe", "skip"],
            EngagementModel.Cdmo, "A development and manufacturing partner (CDMO)", "PD",
            ["Product definition and system architecture", "Industrial design and usability engineering"], ["No regulatory strategy yet"], ["fixed headcount"]),
        new("enterprise at concept, class III in both markets",
            ["hi", "yes", "enterprise", "concept", "both", "III", "class 3", "partly", "yes", "1, 3, 4, 5, 6", "reduce risk", "more than 100,000", "more than 2 years", "north america", "skip"],
            EngagementModel.Cdmo, "A development and manufacturing partner (CDMO)", "PD",
            ["Industrial design and usability engineering"], ["EU class III device without a settled regulatory strategy", "US class III device without a settled regulatory strategy"], ["quality system"]),
        new("validated design, no regulatory strategy, consent declined",
            ["hi", "no", "growing sme", "verified and validated", "US", "class 2", "not yet", "being set up", "yes", "our own team", "yes", "1, 6", "no", "cost", "10,000 - 100,000", "within 12 months", "europe", "skip"],
            EngagementModel.CdmoThenCmo, "A CDMO now, then a hand-over to manufacturing", "DT",
            ["Regulatory strategy for the FDA: classification, the 510(k), De Novo or PMA route", "ISO 13485 quality system", "Design transfer and industrialization", "Scalable ISO 13485 manufacturing"],
            ["No regulatory strategy yet", "No working quality system, launch within 12 months"], []),
        new("validated, everything in place, cost at scale",
            ["hi", "yes", "enterprise", "validated", "EU", "IIa", "yes", "yes", "yes", "our own team", "yes", "all", "cost at scale", "more than 100k", "within 12 months", "europe", "skip"],
            EngagementModel.Cmo, "A manufacturing partner (CMO)", "DT",
            ["Scalable ISO 13485 manufacturing"], [], []),
        new("startup unsure of everything",
            ["hi", "yes", "startup", "proof of concept", "not decided", "not sure", "not sure", "not sure", "none", "not sure", "expertise", "not sure", "not sure", "elsewhere", "skip"],
            EngagementModel.Cdmo, "A development and manufacturing partner (CDMO)", "PD",
            ["Product definition and system architecture"], ["Device class not known yet", "Target market not decided", "Many open questions", "Regulatory strategy not confirmed"], ["time zones"]),
        new("frozen design, high volume, no manufacturing know-how",
            ["hi", "yes", "sme", "design frozen", "EU", "IIb", "yes", "yes", "yes", "no", "1,2,3,4,5", "time to market", "more than 100,000", "within 12 months", "europe", "skip"],
            EngagementModel.CdmoThenCmo, "A CDMO now, then a hand-over to manufacturing", "DD",
            ["Supply chain setup and sourcing", "Design for manufacturing and assembly (DFM/DFA) reviews"], ["Design not reviewed for manufacturing"], []),
        new("marketed device needing a second source",
            ["hi", "yes", "enterprise", "already on the market", "second source", "US", "class 2", "yes", "yes", "yes", "our own team", "all", "time to market", "10,000 - 100,000", "north america", "skip"],
            EngagementModel.Cmo, "A manufacturing partner (CMO)", "CM",
            ["Scalable ISO 13485 manufacturing"], ["New manufacturing site: FDA assessment", "New manufacturing site: process validation first"], []),
        new("class III in development, launch this year, team not ready",
            ["hi", "yes", "startup", "design in progress", "EU", "III", "no", "no", "product engineering", "yes", "time to market", "1,000 - 10,000", "within 12 months", "europe",
                "sure", "no", "partly", "no", "not really", "partly", "no", "partly", "no", "partly"],
            EngagementModel.Cdmo, "A development and manufacturing partner (CDMO)", "PD",
            ["Product definition and system architecture", "Testing, verification and validation"],
            ["EU class III device without a settled regulatory strategy", "No working quality system, launch within 12 months", "Very ambitious timeline for a class III device"],
            ["List what your team does best", "Get leadership, engineering and marketing to agree", "product vision", "challenge requirements", "other uses and indications",
                "recommendations too", "bring in specialists", "first sale", "multiplies the drive"]),
    ];
}
