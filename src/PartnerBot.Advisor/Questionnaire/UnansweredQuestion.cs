namespace PartnerBot.Advisor.Questionnaire;

/// <summary>A question the prospect asked that the knowledge base could not answer: sales see it, and it shows what to add.</summary>
public sealed record UnansweredQuestion(string Text, DateTimeOffset AskedAt);
