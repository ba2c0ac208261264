using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor.Playbook;

/// <summary>One answer behind a conclusion, and what about it mattered when the answer alone would mislead ("industrial design not ticked").</summary>
public sealed record Because(IQuestion Question, string? Note = null);
