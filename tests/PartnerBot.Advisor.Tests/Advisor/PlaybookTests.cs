using PartnerBot.Advisor.Playbook;
using PartnerBot.Advisor.Questionnaire;
using static PartnerBot.Advisor.Playbook.LifecyclePhase;

namespace PartnerBot.Tests.Advisor;

/// <summary>
/// The playbook alone: prospect profiles written from the sources (the CDMO vs CMO comparison and the client
/// traits), each with the model, starting phase, services, risks and tips a medical-device expert would expect.
/// The expected values come from the sources, not from running the code.
/// </summary>
public sealed class PlaybookTests
{
    /// <summary>A partner with teams in Europe and North America, as the app's default settings say.</summary>
    private static readonly PartnerBot.Advisor.Playbook.PartnerProfile Partner = new([Region.Europe, Region.NorthAmerica]);

    private static Recommendation RecommendForPartner(Assessment answers) => PartnerBot.Advisor.Playbook.AdvisorPlaybook.Recommend(answers, Partner);

    public static TheoryData<string> ProfileNames => new(PlaybookProfiles.All.Select(p => p.Name));

    private static Recommendation Recommend(PlaybookProfiles.Profile profile) => RecommendForPartner(PlaybookProfiles.Build(profile.Answers));

    [Fact]
    public void There_are_at_least_thirty_profiles() => Assert.True(PlaybookProfiles.All.Length >= 30, $"{PlaybookProfiles.All.Length} profiles");

    /// <summary>Words of one regulator's system that a prospect of only the other market must never read.</summary>
    private static readonly string[] FdaWords = ["FDA", "510(k)", "PMA", "De Novo", "QMSR"];
    private static readonly string[] MdrWords = ["notified body", "MDR", "CE mark"];

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void The_card_speaks_only_of_the_markets_the_prospect_aims_for(string name)
    {
        var answers = PlaybookProfiles.Build(PlaybookProfiles.All.Single(p => p.Name == name).Answers);
        var text = RecommendationCard.ToText(RecommendForPartner(answers));

        var foreign = answers.Markets switch
        {
            TargetMarket.Eu => FdaWords,
            TargetMarket.Us => MdrWords,
            TargetMarket.Other => [.. FdaWords, .. MdrWords],
            _ => [],
        };
        foreach (var word in foreign) Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"A {answers.Markets} prospect reads \"{word}\":\n{text}");
    }

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void Every_finding_cites_only_answers_that_were_given_to_questions_that_were_asked(string name)
    {
        var answers = PlaybookProfiles.Build(PlaybookProfiles.All.Single(p => p.Name == name).Answers);
        var recommendation = RecommendForPartner(answers);
        var asked = AssessmentQuestions.All.Questions.Where(q => q.AppliesTo(answers) && q.IsAnswered(answers)).Select(q => q.Label + ": ").ToList();

        var cited = recommendation.Reasons.Concat(recommendation.Services).Concat(recommendation.Risks).Concat(recommendation.Tips).SelectMany(f => f.Answers);
        foreach (var answer in cited) Assert.True(asked.Any(label => answer.StartsWith(label, StringComparison.Ordinal)), $"\"{answer}\" cites a question that was not asked or not answered");
    }

    [Fact]
    public void The_design_transfer_service_cites_what_keeps_the_design_from_production_not_always_its_maturity()
    {
        var recommendation = Recommend(PlaybookProfiles.All.Single(p => p.Name == "marketed device with incomplete documentation to transfer"));

        var transfer = recommendation.Services.Single(s => s.Rule == "design-transfer");
        Assert.Equal(["Specifications and documentation: Partly"], transfer.Answers);
    }

    [Fact]
    public void Open_questions_on_a_late_design_are_not_sent_to_product_definition()
    {
        var recommendation = Recommend(PlaybookProfiles.All.Single(p => p.Name == "validated design with three answers not sure"));

        Assert.DoesNotContain("product definition", recommendation.Risks.Single(r => r.Rule == "many-open-questions").Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_validated_design_without_a_strategy_is_not_told_that_industrialization_simply_comes_next()
    {
        var recommendation = Recommend(PlaybookProfiles.All.Single(p => p.Name == "validated design without a regulatory strategy, QMS being set up"));

        var phase = recommendation.Reasons[1];
        Assert.Equal("validated-without-strategy", phase.Rule);
        Assert.DoesNotContain("what comes next is industrialization", phase.Text, StringComparison.Ordinal);
        Assert.Contains("regulatory route is confirmed", phase.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verified_design_is_not_described_as_still_in_verification()
    {
        var text = RecommendationCard.ToText(Recommend(PlaybookProfiles.All.Single(p => p.Name == "verified design, validation still to do")));

        Assert.DoesNotContain("verification is under way", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("validation is what remains", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_sure_is_never_shown_as_missing()
    {
        foreach (var recommendation in PlaybookProfiles.All.Select(p => (p, PlaybookProfiles.Build(p.Answers))).Where(x => x.Item2.RegulatoryStrategy is StrategyStatus.NotSure || x.Item2.Qms is QmsStatus.NotSure).Select(x => RecommendForPartner(x.Item2)))
        {
            Assert.DoesNotContain(recommendation.Risks, r => r.Title is "No regulatory strategy yet" or "No working quality system, launch within 12 months");
        }
    }

    [Fact]
    public void No_distance_tip_without_knowing_where_the_partner_is()
    {
        var tips = PartnerBot.Advisor.Playbook.AdvisorPlaybook.Recommend(PlaybookProfiles.Build(a => { a.Maturity = DesignMaturity.Concept; a.Location = Region.AsiaPacific; }), PartnerBot.Advisor.Playbook.PartnerProfile.Unknown).Tips;

        Assert.DoesNotContain(tips, t => t.Rule is "far-time-zone" or "same-region");
    }

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void Each_profile_gets_its_model_starting_phase_services_risks_and_tips(string name)
    {
        var profile = PlaybookProfiles.All.Single(p => p.Name == name);

        var recommendation = Recommend(profile);

        Assert.Equal(profile.Model, recommendation.Model);
        Assert.Equal(profile.Start, recommendation.StartingPhase);
        Assert.Equal(Enum.GetValues<LifecyclePhase>().Where(p => p >= profile.Start), recommendation.PhasesInScope);
        var services = recommendation.Services.Select(s => s.Rule).ToList();
        foreach (var service in profile.Services) Assert.True(services.Contains(service), $"missing service {service}; got {string.Join(", ", services)}");
        foreach (var service in profile.NotServices ?? []) Assert.False(services.Contains(service), $"unexpected service {service}");
        Assert.Equal(profile.Risks.Order(), recommendation.Risks.Select(r => r.Rule).Order());
        foreach (var tip in profile.Tips ?? []) Assert.True(recommendation.Tips.Any(t => t.Text.Contains(tip, StringComparison.Ordinal)), $"missing tip \"{tip}\"; got:\n{string.Join("\n", recommendation.Tips.Select(t => t.Text))}");
        foreach (var tip in profile.NotTips ?? []) Assert.False(recommendation.Tips.Any(t => t.Text.Contains(tip, StringComparison.Ordinal)), $"unexpected tip \"{tip}\"");
        if (profile.Confidence is { } confidence) Assert.Equal(confidence, recommendation.Confidence);
    }

    /// <summary>The gaps a prospect's answers reveal (from the sources), and the service that closes each.</summary>
    private static IEnumerable<(string Gap, string Service)> Gaps(Assessment a)
    {
        var open = a.Maturity is not (DesignMaturity.Validated or DesignMaturity.InTransfer or DesignMaturity.OnMarket) || a.CurrentNeed is CurrentNeed.Redesign;
        bool Lacks(Capability c) => a.Capabilities is { } have && !have.Contains(c);
        // The strategy service is worded for the markets aimed for.
        var strategy = a.Markets switch { TargetMarket.Eu => "regulatory-strategy-eu", TargetMarket.Us => "regulatory-strategy-us", TargetMarket.EuAndUs => "regulatory-strategy-eu-us", _ => "regulatory-strategy" };
        if (a.RegulatoryStrategy is StrategyStatus.Partly or StrategyStatus.No or StrategyStatus.NotSure) yield return ("regulatory strategy", strategy);
        if (a.EuClass is DeviceClass.NotSure || a.UsClass is DeviceClass.NotSure) yield return ("device class", strategy);
        if (a.Qms is QmsStatus.InProgress or QmsStatus.No or QmsStatus.NotSure) yield return ("ISO 13485 system", "quality-system");
        // Without a certificate, the CE mark still needs the notified body's audit; the FDA asks for none.
        if (a.Qms is QmsStatus.CompliantNotCertified && a.Markets is not TargetMarket.Us) yield return ("certified quality system", "quality-system");
        if (Lacks(Capability.QualityManagement)) yield return ("quality management", "quality-system");
        if (Lacks(Capability.RegulatoryAffairs)) yield return ("regulatory affairs", "regulatory-documentation");
        if (Lacks(Capability.ManufacturingSupplyChain)) yield return ("manufacturing", "supply-chain");
        if (Lacks(Capability.ProductEngineering)) yield return ("engineering", open ? "engineering" : "sustaining-engineering");
        if (Lacks(Capability.IndustrialDesign)) yield return ("industrial design", open ? "industrial-design" : "sustaining-engineering");
        if (Lacks(Capability.ElectronicsSoftware) && a.HasElectronics is not YesNoUnsure.No) yield return ("electronics", open ? "electronics" : "sustaining-engineering");
        if (a.Maturity is DesignMaturity.VerificationComplete) yield return ("validation", "design-validation");
        else if (open) yield return ("verification and validation", "verification-and-validation");
        if (a.Specifications is DocumentationStatus.Partial or DocumentationStatus.Missing or DocumentationStatus.NotSure) yield return ("documentation", "documentation");
        if (a.DesignOwner is DesignOwner.Partner or DesignOwner.NotDecided) yield return ("design responsibility", "design-responsibility");
        if (a.ManufacturabilityReview is YesNoUnsure.No or YesNoUnsure.NotSure) yield return ("manufacturability review", "design-for-manufacturing");
        if (a.Volume is AnnualVolume.Over100k) yield return ("high volume", "high-volume-production");
    }

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void Every_gap_the_answers_reveal_is_closed_by_a_listed_service(string name)
    {
        var answers = PlaybookProfiles.Build(PlaybookProfiles.All.Single(p => p.Name == name).Answers);
        var services = RecommendForPartner(answers).Services.Select(s => s.Rule).ToList();

        foreach (var (gap, service) in Gaps(answers)) Assert.True(services.Contains(service), $"the gap '{gap}' has no service ({service}); got {string.Join(", ", services)}");
    }

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void Explanations_never_call_a_ticked_capability_a_gap_and_every_risk_shows_its_answers(string name)
    {
        var answers = PlaybookProfiles.Build(PlaybookProfiles.All.Single(p => p.Name == name).Answers);
        var recommendation = RecommendForPartner(answers);

        var cited = recommendation.Reasons.SelectMany(r => r.Answers).Concat(recommendation.Services.SelectMany(s => s.Answers)).Concat(recommendation.Risks.SelectMany(r => r.Answers)).ToList();
        foreach (var capability in answers.Capabilities ?? [])
        {
            Assert.DoesNotContain($"In-house capabilities: {AssessmentQuestions.Capabilities.TitleOf(capability)} not ticked", cited);
        }
        Assert.All(recommendation.Risks, risk => Assert.NotEmpty(risk.Answers));
        Assert.All(recommendation.Reasons.Take(2), reason => Assert.NotEqual(string.Empty, reason.Text));
        // A tip says which answers it follows from, like every other finding.
        Assert.All(recommendation.Tips, tip => Assert.NotEmpty(tip.Answers));
    }

    [Fact]
    public void A_reason_cites_the_answers_that_triggered_it_and_not_the_ones_that_merely_could_have()
    {
        // Frozen design with strategy, QMS and documentation in place: only maturity and the missing review are open.
        var recommendation = Recommend(PlaybookProfiles.All.Single(p => p.Name.StartsWith("frozen design, strategy and QMS", StringComparison.Ordinal)));

        var model = recommendation.Reasons[0];
        Assert.Equal("late-design-with-gaps", model.Rule);
        Assert.Contains("Design maturity: Design frozen, verification under way", model.Answers);
        Assert.Contains("Manufacturability review: No", model.Answers);
        Assert.DoesNotContain(model.Answers, a => a.StartsWith("Regulatory strategy", StringComparison.Ordinal));
        Assert.DoesNotContain(model.Answers, a => a.StartsWith("Quality management system", StringComparison.Ordinal));

        var phase = recommendation.Reasons[1];
        Assert.Equal("verification-under-way", phase.Rule);
        Assert.Contains("verification is under way", phase.Text);
        // Validation uses production-equivalent units, so transfer does not wait for the end of V&V.
        Assert.DoesNotContain("once verification and validation are complete", phase.Text);
        Assert.Equal(["Design maturity: Design frozen, verification under way"], phase.Answers);
    }

    [Fact]
    public void A_high_class_risk_names_only_the_class_that_is_high()
    {
        var recommendation = RecommendForPartner(PlaybookProfiles.Build(a =>
        {
            a.Maturity = DesignMaturity.Concept; a.Markets = TargetMarket.EuAndUs; a.EuClass = DeviceClass.EuIIb; a.UsClass = DeviceClass.UsII; a.RegulatoryStrategy = StrategyStatus.No;
        }));

        var risk = recommendation.Risks.Single(r => r.Rule == "eu-class-iib-no-strategy");
        Assert.Equal(["EU device class: Class IIb", "Regulatory strategy: Not yet"], risk.Answers);
        Assert.DoesNotContain(recommendation.Risks, r => r.Rule == "us-class-iii-no-strategy");
        // Class IIb is not described with class III's full review and clinical investigations.
        Assert.DoesNotContain("clinical investigations", risk.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("in full", risk.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Notified_body_wording_is_right_for_class_IIa()
    {
        var recommendation = RecommendForPartner(PlaybookProfiles.Build(a => { a.Maturity = DesignMaturity.Concept; a.RegulatoryStrategy = StrategyStatus.No; }));

        var texts = recommendation.Risks.Select(r => r.Text).Append(AssessmentQuestions.EuClass.Help).Where(t => t.Contains("notified body", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Contains("IIa", t));
        Assert.DoesNotContain(AdvisorPlaybook.RiskRules, r => r.Text.Contains("IIb/III devices need", StringComparison.Ordinal));
    }

    [Fact]
    public void Confidence_explains_which_answers_are_still_open()
    {
        var recommendation = Recommend(PlaybookProfiles.All.Single(p => p.Name == "US class III (PMA) in design, strategy not sure"));

        var reason = recommendation.Reasons.Single(r => r.Rule == "confidence");
        Assert.Equal(["Regulatory strategy: Not sure"], reason.Answers);
    }

    [Fact]
    public void Every_model_phase_risk_and_tip_rule_fires_for_some_profile()
    {
        var recommendations = PlaybookProfiles.All.Select(Recommend).ToList();

        var firedModels = recommendations.Select(r => r.Reasons[0].Rule).ToHashSet();
        var firedPhases = recommendations.Select(r => r.Reasons[1].Rule).ToHashSet();
        var firedRisks = recommendations.SelectMany(r => r.Risks.Select(x => x.Rule)).ToHashSet();
        var firedServices = recommendations.SelectMany(r => r.Services.Select(x => x.Rule)).ToHashSet();
        var firedTips = recommendations.SelectMany(r => r.Tips.Select(x => x.Rule)).ToHashSet();

        Assert.Empty(AdvisorPlaybook.ModelRules.Select(r => r.Id).Except(firedModels));
        Assert.Empty(AdvisorPlaybook.PhaseRules.Select(r => r.Id).Except(firedPhases).Except(["maturity-unknown"]));
        Assert.Empty(AdvisorPlaybook.RiskRules.Select(r => r.Id).Except(firedRisks));
        Assert.Empty(AdvisorPlaybook.ServiceRules.Select(r => r.Id).Except(firedServices));
        Assert.Empty(AdvisorPlaybook.TipRules.Select(r => r.Id).Except(firedTips));
    }

    [Fact]
    public void No_text_lowercases_a_proper_name()
    {
        foreach (var recommendation in PlaybookProfiles.All.Select(Recommend))
        {
            var text = RecommendationCard.ToText(recommendation);
            Assert.DoesNotContain("iso 13485", text, StringComparison.Ordinal);
            Assert.DoesNotContain("dfm/dfa", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Skip_rules_follow_the_answers()
    {
        static bool Asks(IQuestion q, Action<Assessment> answers) { var a = new Assessment(); answers(a); return q.AppliesTo(a); }

        Assert.False(Asks(AssessmentQuestions.Launch, a => a.Maturity = DesignMaturity.OnMarket));
        Assert.True(Asks(AssessmentQuestions.CurrentNeed, a => a.Maturity = DesignMaturity.OnMarket));
        Assert.True(Asks(AssessmentQuestions.Launch, a => a.Maturity = DesignMaturity.Concept));
        Assert.False(Asks(AssessmentQuestions.UsClass, a => a.Markets = TargetMarket.Eu));
        Assert.True(Asks(AssessmentQuestions.UsClass, a => a.Markets = TargetMarket.EuAndUs) && Asks(AssessmentQuestions.EuClass, a => a.Markets = TargetMarket.EuAndUs));
        Assert.False(Asks(AssessmentQuestions.EuClass, a => a.Markets = TargetMarket.Us));
        // "Other markets" are neither the MDR's nor the FDA's: no EU class is asked.
        Assert.False(Asks(AssessmentQuestions.EuClass, a => a.Markets = TargetMarket.Other));
        Assert.True(Asks(AssessmentQuestions.ManufacturabilityReview, a => a.Maturity = DesignMaturity.VerificationComplete));
        Assert.True(Asks(AssessmentQuestions.DesignOwner, a => a.Maturity = DesignMaturity.InTransfer));
        Assert.True(Asks(AssessmentQuestions.HasElectronics, a => a.Capabilities = [Capability.ProductEngineering]));
        Assert.False(Asks(AssessmentQuestions.HasElectronics, a => a.Capabilities = [Capability.ElectronicsSoftware]));
        Assert.True(Asks(AssessmentQuestions.ManufacturabilityReview, a => a.Maturity = DesignMaturity.DesignFrozen));
        Assert.False(Asks(AssessmentQuestions.ManufacturabilityReview, a => a.Maturity = DesignMaturity.DesignInProgress));
        Assert.True(Asks(AssessmentQuestions.DesignOwner, a => a.Maturity = DesignMaturity.OnMarket));
    }
}
