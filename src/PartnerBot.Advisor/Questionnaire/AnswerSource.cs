namespace PartnerBot.Advisor.Questionnaire;

/// <summary>How an answer was given.</summary>
public enum AnswerHow
{
    /// <summary>A button or a card's check boxes.</summary>
    Clicked,

    /// <summary>Typed, and understood as it was.</summary>
    Typed,

    /// <summary>Typed, then confirmed when the bot asked "Just to check…".</summary>
    Confirmed,

    /// <summary>Taken from a description of the project the prospect wrote in one message.</summary>
    Described,
}

/// <summary>What the prospect typed or clicked for one answer, kept beside it for sales.</summary>
public sealed record AnswerSource(string Question, AnswerHow How, string? Typed, bool Hedged = false);
