namespace PartnerBot.Advisor.Questionnaire;

/// <summary>How a question is found in a description of the whole project.</summary>
public enum DescriptionRule
{
    /// <summary>Not taken from descriptions; always asked.</summary>
    Never,

    /// <summary>Its specific words anywhere ("proof of concept", "startup"); bare yes/no words do not count.</summary>
    Anywhere,

    /// <summary>Only a clause that names the question's subject (see <see cref="Question{T}.Topic"/>) is read: "no QMS yet".</summary>
    AboutTopic,

    /// <summary>Only the question's own readers (numbers, dates, places, classes), each with its own context.</summary>
    ReadersOnly,
}
