using PartnerBot.Advisor.Playbook;
using PartnerBot.Advisor.Questionnaire;
using static PartnerBot.Advisor.Playbook.LifecyclePhase;

namespace PartnerBot.Tests.Advisor;

/// <summary>The playbook alone: answers in, recommendation out, for profiles chosen to make every rule fire.</summary>
public sealed class PlaybookTests
{
    public sealed record Profile(
        string Name,
        Assessment Answers,
        EngagementModel Model,
        LifecyclePhase Start,
        string[] Services,
        string[] Risks,
        Confidence? Confidence = null,
        string[]? NotServices = null);

    private static readonly Capability[] Everything =
        [Capability.ProductEngineering, Capability.IndustrialDesign, Capability.ElectronicsSoftware, Capability.RegulatoryAffairs, Capability.QualityManagement, Capability.ManufacturingSupplyChain];

    public static readonly Profile[] Profiles =
    [
        new("startup at concept",
            new() { Organization = Organization.Startup, Maturity = DesignMaturity.Concept, Markets = TargetMarket.Eu, EuClass = DeviceClass.EuIIa, RegulatoryStrategy = StrategyStatus.No, Qms = QmsStatus.No,
                Capabilities = [Capability.ProductEngineering, Capability.ElectronicsSoftware], Priority = Priority.TimeToMarket, Volume = AnnualVolume.From1kTo10k, Launch = LaunchTimeline.Within24Months, Location = Region.Europe },
            EngagementModel.Cdmo, ProductDefinition,
            ["Product definition and system architecture", "Industrial design and usability engineering", "Regulatory strategy and technical documentation", "Development and production inside the partner's ISO 13485 quality system"],
            [], Confidence.High, ["Product engineering and prototyping"]),
        new("enterprise at concept, class III both markets",
            new() { Organization = Organization.Enterprise, Maturity = DesignMaturity.Concept, Markets = TargetMarket.EuAndUs, EuClass = DeviceClass.EuIII, UsClass = DeviceClass.UsIII, RegulatoryStrategy = StrategyStatus.Partly, Qms = QmsStatus.Yes,
                Capabilities = [Capability.ProductEngineering, Capability.ElectronicsSoftware, Capability.RegulatoryAffairs, Capability.QualityManagement, Capability.ManufacturingSupplyChain], Priority = Priority.ReduceRisk, Volume = AnnualVolume.Over100k, Launch = LaunchTimeline.Later, Location = Region.NorthAmerica },
            EngagementModel.Cdmo, ProductDefinition, ["Industrial design and usability engineering", "Regulatory strategy and technical documentation"], ["high-class-no-strategy"]),
        new("validated design with no regulatory strategy (borderline)",
            new() { Organization = Organization.GrowingSme, Maturity = DesignMaturity.Validated, Markets = TargetMarket.Us, UsClass = DeviceClass.UsII, RegulatoryStrategy = StrategyStatus.No, Qms = QmsStatus.InProgress,
                Capabilities = [Capability.ProductEngineering, Capability.ManufacturingSupplyChain], Priority = Priority.CostAtScale, Volume = AnnualVolume.From10kTo100k, Launch = LaunchTimeline.Within12Months, Location = Region.Europe },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["Design transfer and industrialization", "Scalable ISO 13485 manufacturing"], [], null, ["Product definition and system architecture"]),
        new("validated, everything in place, cost focus",
            new() { Organization = Organization.Enterprise, Maturity = DesignMaturity.Validated, Markets = TargetMarket.Eu, EuClass = DeviceClass.EuIIa, RegulatoryStrategy = StrategyStatus.Yes, Qms = QmsStatus.Yes,
                Capabilities = [.. Everything], Priority = Priority.CostAtScale, Volume = AnnualVolume.Over100k, Launch = LaunchTimeline.Within12Months, Location = Region.Europe },
            EngagementModel.Cmo, DesignTransfer, ["Design transfer and industrialization", "Scalable ISO 13485 manufacturing"], [], Confidence.High,
            ["Product engineering and prototyping", "Design for manufacturing and assembly (DFM/DFA) reviews"]),
        new("startup unsure of everything",
            new() { Organization = Organization.Startup, Maturity = DesignMaturity.ProofOfConcept, Markets = TargetMarket.NotDecided, EuClass = DeviceClass.NotSure, RegulatoryStrategy = StrategyStatus.NotSure, Qms = QmsStatus.NotSure,
                Capabilities = [], Priority = Priority.AccessToExpertise, Volume = AnnualVolume.NotSure, Launch = LaunchTimeline.NotSure, Location = Region.Other },
            EngagementModel.Cdmo, ProductDefinition, ["Product definition and system architecture", "Supply chain setup and sourcing"],
            ["regulatory-unclear", "market-undecided", "many-open-questions"], Confidence.Low),
        new("frozen design, high volume, no manufacturing know-how",
            new() { Organization = Organization.GrowingSme, Maturity = DesignMaturity.DesignFrozen, Markets = TargetMarket.Eu, EuClass = DeviceClass.EuIIb, RegulatoryStrategy = StrategyStatus.Yes, Qms = QmsStatus.Yes,
                Capabilities = [Capability.ProductEngineering, Capability.IndustrialDesign, Capability.ElectronicsSoftware, Capability.RegulatoryAffairs, Capability.QualityManagement], Priority = Priority.TimeToMarket, Volume = AnnualVolume.Over100k, Launch = LaunchTimeline.Within12Months, Location = Region.Europe },
            EngagementModel.CdmoThenCmo, DesignTransfer, ["Supply chain setup and sourcing", "Scalable ISO 13485 manufacturing"], ["volume-without-dfm"]),
        new("marketed device needing a second source",
            new() { Organization = Organization.Enterprise, Maturity = DesignMaturity.OnMarket, Markets = TargetMarket.Us, UsClass = DeviceClass.UsII, RegulatoryStrategy = StrategyStatus.Yes, Qms = QmsStatus.Yes,
                Capabilities = [.. Everything], Priority = Priority.TimeToMarket, Volume = AnnualVolume.From10kTo100k, CurrentNeed = CurrentNeed.SecondSource, Location = Region.NorthAmerica },
            EngagementModel.Cmo, DesignTransfer, ["Scalable ISO 13485 manufacturing"], []),
        new("marketed device being redesigned",
            new() { Organization = Organization.GrowingSme, Maturity = DesignMaturity.OnMarket, Markets = TargetMarket.Eu, EuClass = DeviceClass.EuIIa, RegulatoryStrategy = StrategyStatus.Yes, Qms = QmsStatus.Yes,
                Capabilities = [Capability.QualityManagement, Capability.RegulatoryAffairs], Priority = Priority.AccessToExpertise, Volume = AnnualVolume.From1kTo10k, CurrentNeed = CurrentNeed.Redesign, Location = Region.AsiaPacific },
            EngagementModel.Cdmo, DesignAndDevelopment, ["Product engineering and prototyping", "Testing, verification and validation", "Design for manufacturing and assembly (DFM/DFA) reviews"], []),
        new("class III in development, no QMS, launch this year, not ready as a team",
            new() { Organization = Organization.Startup, Maturity = DesignMaturity.DesignInProgress, Markets = TargetMarket.Eu, EuClass = DeviceClass.EuIII, RegulatoryStrategy = StrategyStatus.No, Qms = QmsStatus.No,
                Capabilities = [Capability.ProductEngineering], Priority = Priority.TimeToMarket, Volume = AnnualVolume.From1kTo10k, Launch = LaunchTimeline.Within12Months, Location = Region.Europe,
                WantsReadinessQuestions = true, KnowsCompetenciesAndGaps = ReadinessLevel.No, TeamsAligned = ReadinessLevel.Partly, ClearProductVision = ReadinessLevel.No, OpenToChallenge = ReadinessLevel.No },
            EngagementModel.Cdmo, DesignAndDevelopment, ["Testing, verification and validation", "Electronics and embedded software development"], ["high-class-no-strategy", "no-qms-near-launch"]),
        new("frozen design without manufacturing review",
            new() { Organization = Organization.GrowingSme, Maturity = DesignMaturity.DesignFrozen, Markets = TargetMarket.Eu, EuClass = DeviceClass.EuI, RegulatoryStrategy = StrategyStatus.Partly, Qms = QmsStatus.Yes,
                Capabilities = [Capability.ProductEngineering], Priority = Priority.ReduceRisk, Volume = AnnualVolume.UpTo1k, Launch = LaunchTimeline.Within24Months, Location = Region.Europe },
            EngagementModel.CdmoThenCmo, DesignAndDevelopment, ["Testing, verification and validation"], ["frozen-without-manufacturing"]),
        new("concept with a launch in under a year",
            new() { Organization = Organization.Startup, Maturity = DesignMaturity.Concept, Markets = TargetMarket.Eu, EuClass = DeviceClass.EuI, RegulatoryStrategy = StrategyStatus.No, Qms = QmsStatus.InProgress,
                Capabilities = [.. Everything], Priority = Priority.TimeToMarket, Volume = AnnualVolume.UpTo1k, Launch = LaunchTimeline.Within12Months, Location = Region.Europe },
            EngagementModel.Cdmo, ProductDefinition, [], ["ambitious-timeline"]),
        new("nothing known about the design",
            new() { Organization = Organization.Enterprise },
            EngagementModel.Cdmo, ProductDefinition, ["Product definition and system architecture"], [], Confidence.Low),
    ];

    public static TheoryData<string> ProfileNames => new(Profiles.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void Each_profile_gets_its_model_starting_phase_services_and_risks(string name)
    {
        var profile = Profiles.Single(p => p.Name == name);

        var recommendation = AdvisorPlaybook.Recommend(profile.Answers);

        Assert.Equal(profile.Model, recommendation.Model);
        Assert.Equal(profile.Start, recommendation.StartingPhase);
        Assert.Equal(Enum.GetValues<LifecyclePhase>().Where(p => p >= profile.Start), recommendation.PhasesInScope);
        foreach (var service in profile.Services) Assert.Contains(service, recommendation.Services);
        foreach (var service in profile.NotServices ?? []) Assert.DoesNotContain(service, recommendation.Services);
        Assert.Equal(profile.Risks.Order(), recommendation.Risks.Select(r => r.Rule).Order());
        if (profile.Confidence is { } confidence) Assert.Equal(confidence, recommendation.Confidence);
    }

    [Fact]
    public void Every_model_risk_and_tip_rule_fires_for_some_profile()
    {
        var recommendations = Profiles.Select(p => AdvisorPlaybook.Recommend(p.Answers)).ToList();

        var firedModels = recommendations.Select(r => r.Reasons[0].Rule).ToHashSet();
        var firedRisks = recommendations.SelectMany(r => r.Risks.Select(x => x.Rule)).ToHashSet();
        var firedTips = recommendations.SelectMany(r => r.Tips).ToHashSet();

        Assert.Empty(AdvisorPlaybook.ModelRules.Select(r => r.Id).Except(firedModels));
        Assert.Empty(AdvisorPlaybook.RiskRules.Select(r => r.Id).Except(firedRisks));
        Assert.Empty(AdvisorPlaybook.TipRules.Where(t => !firedTips.Contains(t.Tip)).Select(t => t.Id));
    }

    [Fact]
    public void Every_reason_names_the_answers_it_used()
    {
        var recommendation = AdvisorPlaybook.Recommend(Profiles[2].Answers);

        var model = recommendation.Reasons[0];
        Assert.Equal("late-design-with-gaps", model.Rule);
        Assert.Contains("Design maturity: Verified and validated", model.Answers);
        Assert.Contains("Regulatory strategy: Not yet", model.Answers);
        Assert.Contains("ISO 13485 QMS: Being set up", model.Answers);
    }

    [Fact]
    public void Startup_and_enterprise_get_the_nuance_that_fits_them()
    {
        var startup = AdvisorPlaybook.Recommend(Profiles[0].Answers);
        var enterprise = AdvisorPlaybook.Recommend(Profiles[1].Answers);

        Assert.Contains(startup.Tips, t => t.Contains("fixed headcount"));
        Assert.Contains(enterprise.Tips, t => t.Contains("quality system"));
        Assert.DoesNotContain(enterprise.Tips, t => t.Contains("fixed headcount"));
    }

    [Fact]
    public void Skip_rules_follow_the_answers()
    {
        Assert.False(AdvisorPlaybook.AsksLaunch(new Assessment { Maturity = DesignMaturity.OnMarket }));
        Assert.True(AdvisorPlaybook.AsksCurrentNeed(new Assessment { Maturity = DesignMaturity.OnMarket }));
        Assert.True(AdvisorPlaybook.AsksLaunch(new Assessment { Maturity = DesignMaturity.Concept }));
        Assert.False(AdvisorPlaybook.AsksUsClass(new Assessment { Markets = TargetMarket.Eu }));
        Assert.True(AdvisorPlaybook.AsksUsClass(new Assessment { Markets = TargetMarket.EuAndUs }) && AdvisorPlaybook.AsksEuClass(new Assessment { Markets = TargetMarket.EuAndUs }));
        Assert.False(AdvisorPlaybook.AsksEuClass(new Assessment { Markets = TargetMarket.Us }));
    }
}
