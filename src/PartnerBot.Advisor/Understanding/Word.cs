namespace PartnerBot.Advisor.Understanding;

/// <summary>
/// One word of a typed answer, lower case and lightly stemmed, with where it stands: its clause (split at
/// punctuation and at "but", "except"…) and its segment (split only at contrast words), so a negation reaches no
/// further than its clause and a "but" can take precedence over what came before it.
/// </summary>
public sealed record Word(string Text, string Raw, int Clause, int Segment)
{
    /// <summary>Written in capitals as typed ("US", not "us").</summary>
    public bool Capitalized => Raw.Length > 1 && Raw.All(c => !char.IsLetter(c) || char.IsUpper(c));
}
