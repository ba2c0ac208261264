namespace PartnerBot.Advisor.Questionnaire;

/// <summary>One answer a question offers: the stored value, the button text, and other ways to type it.</summary>
public sealed record Option<T>(T Value, string Title, params string[] Synonyms);
