namespace PartnerBot.Advisor.Knowledge;

/// <summary>The passage that answers a question, with its entry's title and link, and how well it matched.</summary>
public sealed record KnowledgeAnswer(KnowledgeEntry Entry, int Passage, float Score)
{
    public string Text => Entry.Passages[Passage];

    /// <summary>The answer as the prospect reads it: the title in bold, the passage, and the source link when there is one.</summary>
    public string ToMarkdown() =>
        $"**{Entry.Title}**\n\n{Text}" + (Entry.Source is { } source ? $"\n\nSource: {source}" : string.Empty);
}
