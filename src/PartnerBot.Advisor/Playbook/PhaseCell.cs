namespace PartnerBot.Advisor.Playbook;

public sealed record PhaseCell(string Code, string Name, bool InScope, bool IsStart, string Style, string Color);
