namespace PartnerBot.Advisor.Understanding;

public enum ReadingKind
{
    /// <summary>The answer says one thing (or, for a multi-select question, one set of things).</summary>
    Understood,

    /// <summary>The answer fits more than one option, only a weak one, or one only after ignoring a negation: ask.</summary>
    Confirm,

    /// <summary>Nothing in the answer fits.</summary>
    NotUnderstood,
}

/// <summary>
/// What a typed answer means for one question, as option positions. For a single-choice question an
/// understood reading has one option and a confirmation lists the likely ones, most likely first; for a
/// multi-select question the options are the set that was said.
/// </summary>
public sealed record Reading(ReadingKind Kind, IReadOnlyList<int> Options, bool Hedged = false)
{
    public static readonly Reading None = new(ReadingKind.NotUnderstood, []);

    public static Reading Understood(int option, bool hedged = false) => new(ReadingKind.Understood, [option], hedged);

    public static Reading Understood(IReadOnlyList<int> options, bool hedged = false) => new(ReadingKind.Understood, options, hedged);

    public static Reading Confirm(params IEnumerable<int> options) => new(ReadingKind.Confirm, options.Distinct().ToList());

    public bool IsUnderstood => Kind == ReadingKind.Understood;
}
