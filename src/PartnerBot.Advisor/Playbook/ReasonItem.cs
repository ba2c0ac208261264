namespace PartnerBot.Advisor.Playbook;

public sealed record ReasonItem(string Explanation, string Answers);
