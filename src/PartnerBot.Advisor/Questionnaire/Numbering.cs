namespace PartnerBot.Advisor.Questionnaire;

/// <summary>How a question is counted in the progress line above it.</summary>
public enum Numbering
{
    /// <summary>"Question 4 of 12": the assessment itself.</summary>
    Main,

    /// <summary>"Readiness 2 of 6": the optional partnership-readiness questions.</summary>
    Readiness,

    /// <summary>Not counted (the offer to answer the readiness questions).</summary>
    None,
}
