namespace PartnerBot.Advisor.Knowledge;

/// <summary>One Markdown file of the knowledge base: its title, optional source link, extra search words and passages.</summary>
public sealed record KnowledgeEntry(string Id, string Title, string? Source, IReadOnlyList<string> Keywords, IReadOnlyList<string> Passages)
{
    /// <summary>
    /// Reads the format the files use: a "# Title" line, optional "Source:" and "Keywords:" lines, then passages
    /// separated by blank lines. A file without a title or a passage is refused with its name.
    /// </summary>
    public static KnowledgeEntry Parse(string id, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        string? title = null;
        string? source = null;
        var keywords = new List<string>();
        var passages = new List<string>();
        var current = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (title is null && line.StartsWith("# ", StringComparison.Ordinal)) { title = line[2..].Trim(); continue; }
            if (passages.Count == 0 && current.Count == 0 && line.StartsWith("Source:", StringComparison.OrdinalIgnoreCase)) { source = line[7..].Trim(); continue; }
            if (passages.Count == 0 && current.Count == 0 && line.StartsWith("Keywords:", StringComparison.OrdinalIgnoreCase))
            {
                keywords.AddRange(line[9..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }
            if (line.Length == 0)
            {
                if (current.Count > 0) passages.Add(string.Join(' ', current));
                current.Clear();
                continue;
            }
            current.Add(line.Trim());
        }
        if (current.Count > 0) passages.Add(string.Join(' ', current));
        if (title is null) throw new FormatException($"The knowledge entry '{id}' has no \"# Title\" line.");
        if (passages.Count == 0) throw new FormatException($"The knowledge entry '{id}' has no passage.");
        if (source is not null && !Uri.TryCreate(source, UriKind.Absolute, out _)) throw new FormatException($"The knowledge entry '{id}' has a Source that is not a link: {source}");
        return new KnowledgeEntry(id, title, source, keywords, passages);
    }
}
