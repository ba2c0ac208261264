namespace PartnerBot.Advisor.Knowledge;

/// <summary>Where the knowledge base's Markdown files are (section <c>Knowledge</c>).</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The entries shipped with the app; defaults to the <c>knowledge</c> folder beside it.</summary>
    public string? Path { get; set; }

    /// <summary>A folder of the partner's own entries, indexed with the shipped ones (an entry of the same name replaces the shipped one).</summary>
    public string? AdditionalPath { get; set; }
}
