namespace PartnerBot.Advisor.Understanding;

/// <summary>One place an option's words occur in an answer, and how they are meant there.</summary>
public sealed record OptionMatch(int Option, int Start, int End, bool Negated, bool Weak, bool Tentative, bool Later, bool First, int Segment);

/// <summary>
/// The words of each option of a question, and where they occur in an answer, with their negation. A synonym
/// written with a leading "~" is weak: it hints at the option but is not enough on its own, so the answer is
/// confirmed. Longer phrases win over the shorter ones inside them ("not yet" over "yet").
/// </summary>
public sealed class Lexicon
{
    /// <summary>Words that change nothing about a phrase, in the turn's language.</summary>
    public static HashSet<string> Filler => Grammar.Current.Filler;

    /// <summary>Words that negate what follows them in the same clause, in the turn's language.</summary>
    public static HashSet<string> Negators => Grammar.Current.Negators;

    /// <summary>How many words a negation reaches ahead, within its clause.</summary>
    private const int NegationReach = 4;

    private readonly List<(int Option, string[] Words, bool Weak)> _phrases = [];

    /// <summary>True when the word at <paramref name="at"/> negates what follows: "not", "no", "without", or the "to" of "yet to".</summary>
    public static bool IsNegationCue(IReadOnlyList<Word> words, int at) => IsNegationCue(words, at, target: -1);

    /// <param name="target">The word the negation would reach: the doubted word itself ("not sure": "sure") stays negated.</param>
    public static bool IsNegationCue(IReadOnlyList<Word> words, int at, int target)
    {
        var word = words[at].Text;
        var next = at + 1 < words.Count && words[at + 1].Clause == words[at].Clause ? words[at + 1].Text : "";
        // "not sure if it's IIa", "no idea whether…" doubt, and "not only X but also Y" adds: none of them negates what follows.
        var after = at + 2 < words.Count && words[at + 2].Clause == words[at].Clause ? words[at + 2].Text : "";
        var doubt = word == "not" && next is "sure" or "certain" || word == "no" && next is "idea" or "clue" || word == "not" && next == "know";
        if (doubt && target != at + 1 && after is "" or "if" or "whether" or "which" or "what" or "how" or "yet" or "about" or "really" or "it" or "its") return false;
        if (word == "not" && next is "only" or "just" && target != at + 1) return false;
        // French "ne vendons pas": the "ne" negates the verb right after it.
        if (Grammar.Current.NegatesNext.Contains(word)) return target < 0 || target <= at + 2;
        return Negators.Contains(word) || word == "to" && at > 0 && words[at - 1].Text == "yet" && words[at - 1].Clause == words[at].Clause;
    }

    /// <summary>True when a negation stands within <paramref name="reach"/> words before <paramref name="at"/>, in its clause.</summary>
    public static bool NegatedAt(IReadOnlyList<Word> words, int at, int reach = NegationReach)
    {
        for (var i = at - 1; i >= 0 && i >= at - reach; i--)
        {
            if (words[i].Clause != words[at].Clause) return false;
            if (IsNegationCue(words, i, at)) return true;
        }
        return false;
    }

    public Lexicon(IReadOnlyList<IEnumerable<string>> phrasesPerOption)
    {
        for (var option = 0; option < phrasesPerOption.Count; option++)
        {
            foreach (var phrase in phrasesPerOption[option])
            {
                var weak = phrase.StartsWith('~');
                var words = Content(Words.Of(weak ? phrase[1..] : phrase)).Select(w => w.Text).ToArray();
                if (words.Length > 0) _phrases.Add((option, words, weak));
            }
        }
        _phrases.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
    }

    /// <summary>The words that count (fillers dropped), in order.</summary>
    public static List<Word> Content(IReadOnlyList<Word> words) => words.Where(w => !Filler.Contains(w.Text)).ToList();

    public IReadOnlyList<OptionMatch> Find(IReadOnlyList<Word> answer)
    {
        var words = Content(answer);
        var taken = new bool[words.Count];
        var found = new List<OptionMatch>();
        // The same words may belong to two options ("design": engineering or industrial design); both are found there.
        var spans = new Dictionary<(int Start, string Words), bool>();
        var grammar = Grammar.Current;
        foreach (var (option, phrase, weak) in _phrases)
        {
            var key = string.Join(' ', phrase);
            for (var start = 0; start + phrase.Length <= words.Count; start++)
            {
                if (!Matches(words, start, phrase, taken) && !spans.ContainsKey((start, key))) continue;
                // "us" is the country only where it reads as one ("the US", "EU and us"), not in "help us".
                if (phrase is ["us"] && !Places.UsMeansCountry(words, start)) continue;
                spans[(start, key)] = true;
                var end = start + phrase.Length - 1;
                // "no certificate", "nothing set up": a lone negation word before other words negates them; it is not the answer "no".
                // At the start and followed by the prospect speaking ("no we rely on…", "no, …"), it is the answer all the same.
                if (phrase.Length == 1 && Negators.Contains(phrase[0]) && end + 1 < words.Count && words[end + 1].Clause == words[start].Clause
                    && words[end + 1].Text is not ("yet" or "thanks" or "thank" or "so" or "really" or "idea" or "at")
                    && !(start == 0 && words[end + 1].Text is "we" or "i" or "they" or "not" or "but" or "unfortunately" or "sadly" or "sorry")) continue;
                for (var i = start; i <= end; i++) taken[i] = true;
                var clause = words[start].Clause;
                // A phrase that is itself a negation ("not yet", "no idea") is not negated by the words before it.
                var negativePhrase = phrase.Any(Negators.Contains);
                found.Add(new OptionMatch(option, start, end,
                    Negated: !negativePhrase && (IsNegated(words, start, clause) || IsNegatedAfter(words, end, clause)),
                    Weak: weak,
                    Tentative: Near(words, start, end, clause, grammar.Tentative),
                    Later: InClause(words, clause, grammar.Later) && !words.Any(w => w.Clause == clause && (w.Text == "first" || grammar != Grammar.English && grammar.First.Contains(w.Text))),
                    First: Near(words, start, end, clause, grammar.First) && !NotOnly(words, start),
                    Segment: words[start].Segment));
            }
        }
        return found.OrderBy(m => m.Start).ToList();
    }

    private static bool Matches(List<Word> words, int start, string[] phrase, bool[] taken)
    {
        for (var i = 0; i < phrase.Length; i++)
        {
            if (taken[start + i] || words[start + i].Clause != words[start].Clause) return false;
            if (!SameWord(words[start + i], phrase[i])) return false;
        }
        return true;
    }

    /// <summary>Equal, or a typo away for longer words ("prototpye", "enterprize", "elctronics").</summary>
    public static bool SameWord(Word word, string expected)
    {
        if (word.Text == expected) return true;
        if (expected.Length < 5 || word.Text.Length < 5 || expected.Any(char.IsDigit) || word.Text.Any(char.IsDigit)) return false;
        var allowed = expected.Length >= 8 ? 2 : 1;
        return Distance(word.Text, expected, allowed) <= allowed || Distance(word.Raw.ToLowerInvariant(), expected, allowed) <= allowed;
    }

    private static bool IsNegated(List<Word> words, int start, int clause) => NegatedAt(words, start);

    /// <summary>
    /// "regulatory no", "verified: not yet": a negation that ends the clause right after the words. In German the
    /// negation may end the clause a few words later ("validiert haben wir es noch nicht").
    /// </summary>
    private static bool IsNegatedAfter(List<Word> words, int end, int clause)
    {
        var grammar = Grammar.Current;
        var reach = grammar.NegationMayFollow ? NegationReach : 1;
        for (var next = end + 1; next < words.Count && next <= end + reach && words[next].Clause == clause; next++)
        {
            if (!grammar.ClauseFinalNegators.Contains(words[next].Text)) continue;
            if (next + 1 >= words.Count || words[next + 1].Clause != clause || words[next + 1].Text == "yet") return true;
            // German "die USA sind kein Thema": a negation and one word of its own close the clause.
            return grammar.NegationMayFollow && (next + 2 >= words.Count || words[next + 2].Clause != clause);
        }
        return false;
    }

    /// <summary>"not only the EU": the EU is not the only one.</summary>
    private static bool NotOnly(List<Word> words, int start) =>
        Enumerable.Range(Math.Max(0, start - 3), Math.Min(3, start)).Any(i => words[i].Text == "only" && i > 0 && words[i - 1].Text == "not");

    private static bool InClause(List<Word> words, int clause, HashSet<string> cues) => words.Any(w => w.Clause == clause && cues.Contains(w.Text));

    private static bool Near(List<Word> words, int start, int end, int clause, HashSet<string> cues)
    {
        for (var i = Math.Max(0, start - 1); i <= Math.Min(words.Count - 1, end + 2); i++)
        {
            if (words[i].Clause == clause && cues.Contains(words[i].Text) && (i < start || i > end)) return true;
        }
        return false;
    }

    /// <summary>Optimal string alignment distance, stopping early once above <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, d[i - 2, j - 2] + 1);
                d[i, j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit) return limit + 1;
        }
        return d[a.Length, b.Length];
    }
}
