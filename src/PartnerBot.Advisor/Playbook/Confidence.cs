namespace PartnerBot.Advisor.Playbook;

/// <summary>How firmly the answers point to the model: "not sure" answers lower it.</summary>
public enum Confidence { High, Medium, Low }
