namespace PartnerBot.Advisor.Questionnaire;

public enum Organization { Startup, GrowingSme, Enterprise }

/// <remarks>Members are only ever added at the end: stored answers keep their meaning.</remarks>
public enum DesignMaturity { Concept, ProofOfConcept, DesignInProgress, DesignFrozen, Validated, OnMarket, VerificationComplete, InTransfer, NotSure }

public enum TargetMarket { Eu, Us, EuAndUs, Other, NotDecided }

public enum DeviceClass { EuI, EuIIa, EuIIb, EuIII, UsI, UsII, UsIII, NotSure }

public enum StrategyStatus { Yes, Partly, No, NotSure }

/// <summary><see cref="Yes"/> is certified to ISO 13485; <see cref="CompliantNotCertified"/> runs such a system (the FDA's QMSR asks no certificate) without one.</summary>
public enum QmsStatus { Yes, InProgress, No, NotSure, CompliantNotCertified }

public enum Capability { ProductEngineering, IndustrialDesign, ElectronicsSoftware, RegulatoryAffairs, QualityManagement, ManufacturingSupplyChain, None }

public enum Priority { TimeToMarket, CostAtScale, ReduceRisk, AccessToExpertise }

public enum AnnualVolume { UpTo1k, From1kTo10k, From10kTo100k, Over100k, NotSure }

public enum LaunchTimeline { Within12Months, Within24Months, Later, NotSure }

public enum CurrentNeed { TransferManufacturing, SecondSource, ScaleUp, Redesign }

public enum Region { Europe, NorthAmerica, AsiaPacific, Other, PreferNotToSay }

public enum ReadinessLevel { Yes, Partly, No }

public enum DocumentationStatus { Complete, Partial, Missing, NotSure }

public enum DesignOwner { OurTeam, Partner, NotDecided }

public enum YesNoUnsure { Yes, No, NotSure }
