namespace PartnerBot.Advisor.Glossary;

/// <summary>A word the advisor uses that a prospect may not know, the ways they might write it, and what it means.</summary>
public sealed record Term(string Name, IReadOnlyList<string> Spellings, string Meaning);
