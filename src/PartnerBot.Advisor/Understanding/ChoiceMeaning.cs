namespace PartnerBot.Advisor.Understanding;

/// <summary>
/// Decides what an answer means for one question from where its options' words occur. The rules, in order:
/// a negated option is never chosen ("not validated" is not "validated"), though it may imply its declared
/// opposite ("not certified" is "no"); an option said to come later gives way to one said to come first; after
/// a contrast ("…, but …") the last part that names an option counts; a weak hint alone, two options at once,
/// or an option that fits only once a negation is ignored is confirmed with the prospect, never guessed.
/// </summary>
public sealed class ChoiceMeaning(Lexicon lexicon, int optionCount)
{
    /// <summary>What a negated option implies instead ("not certified": no).</summary>
    public Dictionary<int, int> Opposites { get; } = [];

    /// <summary>Several options that together mean another one (EU and US: both).</summary>
    public Func<IReadOnlySet<int>, int?>? Combine { get; init; }

    /// <summary>The option "I think so" means, and the one "I don't think so" means.</summary>
    public int? Yes { get; init; }
    public int? No { get; init; }

    public int OptionCount => optionCount;

    public static bool IsHedged(IReadOnlyList<Word> words) => words.Any(w => Grammar.Current.Hedges.Contains(w.Text));

    /// <param name="description">Words of a description of the project: what it says is planned ("planning to start selling") is not a fact yet.</param>
    public Reading ReadOne(IReadOnlyList<Word> words, bool description = false)
    {
        var hedged = IsHedged(words);
        if (!description && HedgedYesNo(words) is { } yesNo) return Reading.Understood(yesNo, hedged: true);

        var matches = lexicon.Find(words).Where(m => !description || !m.Later).ToList();
        if (matches.Count == 0) return Reading.None;
        var negated = matches.Where(m => m.Negated).Select(m => m.Option).ToHashSet();
        // Said and denied at once ("compliant with 13485 but not certified"): a state the options do not name cleanly.
        var conflicted = matches.Where(m => !m.Negated && negated.Contains(m.Option)).Select(m => m.Option).Distinct().ToList();
        if (conflicted.Count > 0) return Reading.Confirm([.. conflicted, .. negated.Where(Opposites.ContainsKey).Select(o => Opposites[o])]);
        var positive = Focus(matches.Where(m => !m.Negated && !negated.Contains(m.Option)).ToList());

        var strong = positive.Where(m => !m.Weak).Select(m => m.Option).Distinct().ToList();
        var weakHints = positive.Where(m => m.Weak).Select(m => m.Option).Distinct().ToList();
        // What a negation implies ("not certified": no) counts only when nothing is said outright ("not certified yet but we're building one").
        var implied = negated.Where(o => Opposites.ContainsKey(o)).Select(o => Opposites[o]).Where(o => !negated.Contains(o)).Distinct().ToList();
        if (strong.Count == 0 && implied.Count > 0)
        {
            if (weakHints.Count > 0) return Reading.Confirm([.. implied, .. weakHints]);
            strong = implied;
        }

        if (strong.Count > 1 && Combine?.Invoke(strong.ToHashSet()) is { } combined)
        {
            // "US and maybe EU": the combination is likely, but one part was only a maybe.
            return positive.Any(m => m.Tentative) ? Reading.Confirm([combined, .. strong.Where(o => o != combined)]) : Reading.Understood(combined, hedged);
        }
        if (strong.Count == 1) return Reading.Understood(strong[0], hedged);
        if (strong.Count > 1) return Reading.Confirm(strong);

        var weak = positive.Where(m => m.Weak).Select(m => m.Option).Distinct().ToList();
        if (weak.Count > 0) return Reading.Confirm(weak);
        // Only negated options: the answer says what it is not; the others are the likely ones.
        return negated.Count > 0 ? Reading.Confirm(Enumerable.Range(0, optionCount).Where(o => !negated.Contains(o))) : Reading.None;
    }

    /// <param name="none">The "none of these" option, stored as an empty set.</param>
    public Reading ReadMany(IReadOnlyList<Word> words, int none)
    {
        var matches = lexicon.Find(words);
        var content = Lexicon.Content(words);
        // "everything but regulatory", "all except manufacturing", "the rest we have": every option, less the excluded ones.
        var grammar = Grammar.Current;
        var everything = content.Where((w, i) => grammar.Everything.Contains(w.Text) && !(i + 1 < content.Count && content[i + 1].Text == "else")
            && !(i > 0 && Lexicon.Negators.Contains(content[i - 1].Text))).Any();
        var exclusion = content.FindIndex(w => grammar.Except.Contains(w.Text));
        var excluded = exclusion < 0 ? [] : matches.Where(m => m.Start > exclusion && m.Option != none).Select(m => m.Option).ToHashSet();
        var negated = matches.Where(m => m.Negated && m.Option != none).Select(m => m.Option).ToHashSet();
        if (everything) negated.UnionWith(excluded);

        var chosen = matches.Where(m => !m.Negated && m.Option != none && !(everything && excluded.Contains(m.Option))).ToList();
        // "none except quality": the exception is what they have.
        if (!everything && exclusion >= 0 && matches.Any(m => m.Option == none && !m.Negated && m.Start < exclusion) && excluded.Count > 0)
        {
            return Reading.Understood(excluded.Order().ToList());
        }
        // Said and denied at once ("quality, but no QMS yet"), or said to come later or only maybe: asked, never guessed.
        var conflicted = chosen.Any(m => negated.Contains(m.Option));
        var unsure = chosen.Any(m => m.Later || m.Tentative);
        var strong = chosen.Where(m => !m.Weak).Select(m => m.Option).Distinct().ToList();
        var weak = chosen.Where(m => m.Weak).Select(m => m.Option).Distinct().Where(o => !strong.Contains(o)).ToList();

        if (everything)
        {
            var all = Enumerable.Range(0, optionCount).Where(o => o != none && !negated.Contains(o)).ToList();
            return weak.Count > 0 || conflicted || all.Count == 0 ? Reading.Confirm(all) : Reading.Understood(all, IsHedged(words));
        }
        if (conflicted || unsure || weak.Count > 0) return Reading.Confirm([.. strong, .. weak]);
        if (strong.Count > 0) return Reading.Understood(strong.Order().ToList(), IsHedged(words));
        if (matches.Any(m => m.Option == none && !m.Negated)) return Reading.Understood([none]);
        return Reading.None;
    }

    /// <summary>
    /// The part of the answer that decides: what is said to come first wins over what comes later, and after a
    /// contrast the last part naming an option wins over the earlier ones.
    /// </summary>
    private static List<OptionMatch> Focus(List<OptionMatch> positive)
    {
        if (positive.Any(m => m.First && !m.Weak)) positive = positive.Where(m => m.First && !m.Weak).ToList();
        if (positive.Any(m => !m.Later)) positive = positive.Where(m => !m.Later).ToList();
        var segments = positive.Where(m => !m.Weak).Select(m => m.Segment).Distinct().ToList();
        if (segments.Count > 1)
        {
            var last = segments.Max();
            positive = positive.Where(m => m.Segment == last).ToList();
        }
        return positive;
    }

    /// <summary>"I think so", "don't think so": only when that is (nearly) the whole answer; anything more is read as usual.</summary>
    private int? HedgedYesNo(IReadOnlyList<Word> words)
    {
        var text = Lexicon.Content(words).Select(w => w.Text).Where(t => t is not ("i" or "we" or "yes" or "yeah")).ToList();
        // Where the negation follows the verb ("je pense pas"), the hedged no is a phrase of its own, tried first.
        foreach (var phrase in Grammar.Current.HedgeNo)
        {
            var at = IndexOf(text, phrase);
            if (at >= 0 && text.Count - phrase.Length <= 2) return No;
        }
        foreach (var phrase in Grammar.Current.HedgeYes)
        {
            var at = IndexOf(text, phrase);
            if (at < 0) continue;
            var before = text.Take(at).ToList();
            var after = text.Skip(at + phrase.Length).ToList();
            if (after.Count > 0 || before.Count > 2) return null;
            var negated = before.Count > 0 && before.All(b => Lexicon.Negators.Contains(b) || b is "do" or "don");
            if (before.Count > 0 && !negated) return null;
            return negated ? No : Yes;
        }
        return null;
    }

    private static int IndexOf(List<string> text, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= text.Count; i++)
        {
            if (phrase.Select((p, j) => text[i + j] == p).All(x => x)) return i;
        }
        return -1;
    }
}
