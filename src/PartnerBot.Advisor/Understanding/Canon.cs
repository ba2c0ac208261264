using PartnerBot.Advisor.Languages;

namespace PartnerBot.Advisor.Understanding;

/// <summary>
/// A language's words and phrases read as the English words the readers know ("tausend" → "thousand", "l'année" →
/// "year", "Vereinigte Staaten" → "united states"), built from the lists of its understanding catalog that mirror an
/// English list: each entry of such a list stands for the English word the list is about. The small words of the
/// grammar (fillers, negations) are never replaced, so the rest of the reading sees them as they are.
/// </summary>
public sealed class Canon
{
    public static Canon None { get; } = new([], []);

    private readonly Dictionary<string, string[]> _words;
    private readonly Dictionary<string, List<(string[] Words, string[] English)>> _phrases;

    private Canon(Dictionary<string, string[]> words, Dictionary<string, List<(string[], string[])>> phrases)
    {
        _words = words;
        _phrases = phrases;
    }

    public bool IsEmpty => _words.Count == 0 && _phrases.Count == 0;

    private static readonly string[] EnglishMonths = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] EnglishShortMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static Canon Of(LanguageCatalog catalog, Func<string, IEnumerable<string>> forms)
    {
        var words = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, List<(string[], string[])>>(StringComparer.Ordinal);
        var grammar = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in new[] { "Lexicon.Filler", "Lexicon.Negators", "Lexicon.NeBefore" })
        {
            foreach (var entry in catalog.Words(key) ?? []) grammar.UnionWith(forms(entry));
        }

        // The first list that names a word decides what it stands for: the more specific lists come first.
        void Add(string entry, params string[] english)
        {
            var parts = forms(entry).ToArray();
            // In the form words are compared in, as the readers' own lists are (plural "s" dropped).
            english = [.. english.Select(Words.Stem)];
            if (parts.Length == 0 || english.Length == 0) return;
            // Read as a word the grammar drops or turns ("ue" would become "eu", which French drops as a filler): left as it is.
            if (english.Any(grammar.Contains)) return;
            if (parts.Length == 1)
            {
                if (!grammar.Contains(parts[0]) && parts[0] != string.Join(' ', english)) words.TryAdd(parts[0], english);
                return;
            }
            if (!phrases.TryGetValue(parts[0], out var list)) phrases[parts[0]] = list = [];
            if (list.All(p => !p.Item1.SequenceEqual(parts))) list.Add((parts, english));
        }
        void List(string key, params string[] english)
        {
            foreach (var entry in catalog.Words(key) ?? []) Add(entry, english);
            // Lists of phrases written word by word (["bis", "zu"]).
            foreach (var phrase in catalog.WordPhrases(key) ?? []) if (phrase.Count > 1) Add(string.Join(' ', phrase), english);
        }
        void Sections(string key)
        {
            if (catalog.Section("words/" + key) is not System.Text.Json.Nodes.JsonObject sections) return;
            foreach (var (name, list) in sections)
            {
                if (name.StartsWith('_') || list is not System.Text.Json.Nodes.JsonArray entries) continue;
                foreach (var entry in entries.OfType<System.Text.Json.Nodes.JsonValue>()) Add(entry.GetValue<string>(), name.ToLowerInvariant());
            }
        }
        void Aligned(string key, string[] english)
        {
            var list = catalog.Words(key) ?? [];
            for (var i = 0; i < list.Count && i < english.Length; i++) Add(list[i], english[i]);
        }
        void Numbers(string key, Func<double, string?> english)
        {
            foreach (var (entry, value) in catalog.Numbers(key) ?? new Dictionary<string, double>())
            {
                if (english(value) is { } word) Add(entry, word.Split(' '));
            }
        }

        // Places first: "Vereinigte Staaten" is a country, whatever its words mean alone.
        foreach (var (english, names) in catalog.Places)
        {
            foreach (var name in names) Add(name, english.Split(' '));
        }
        Aligned("Timelines.Months", EnglishMonths);
        Aligned("Timelines.ShortMonths", EnglishShortMonths);
        Numbers("Timelines.Units", v => v switch { 1 => "month", 12 => "year", < 0.5 and > 0 => "week", _ => null });
        Numbers("Quantities.PerYear", v => v switch { 52 => "week", 12 => "month", 365 => "day", 1 => "year", _ => null });
        // The same lists under the names the German catalog gives them.
        List("Timelines.MonthUnits", "month");
        List("Timelines.YearUnits", "year");
        List("Timelines.WeekUnits", "week");
        Numbers("Timelines.RelativeYears", v => v == 1 ? "next year" : null);
        Numbers("Timelines.FixedDurations", v => v switch { 6 => "half year", 12 => "a year", 18 => "year and half", 24 => "couple year", 36 => "few year", _ => null });
        Sections("Timelines.DateWords");
        List("Timelines.MoreThan", "more", "than");
        List("Quantities.UpTo", "up", "to");
        List("Quantities.OpenEnded", "plus");
        foreach (var (word, english) in new[] { ("bis", "to"), ("und", "and"), ("oder", "or") })
        {
            if (catalog.Words("Quantities.RangeWords")?.Contains(word) == true) Add(word, english);
        }
        List("Timelines.Ago", "ago");
        List("Timelines.Within", "within");
        List("Timelines.Beyond", "beyond");
        List("Timelines.By", "by");
        List("Timelines.Early", "early");
        List("Timelines.Mid", "mid");
        List("Timelines.Late", "late");
        List("Timelines.End", "end");
        List("Timelines.Spring", "spring");
        List("Timelines.Summer", "summer");
        List("Timelines.Fall", "fall");
        List("Timelines.Winter", "winter");
        List("Timelines.FirstHalf", "h1");
        List("Timelines.SecondHalf", "h2");
        List("Timelines.HalfYear", "half", "year");
        List("Timelines.YearAndHalf", "year", "and", "half");
        List("Timelines.FewYears", "few", "year");
        List("Timelines.CoupleYears", "couple", "year");
        List("Timelines.FewMonths", "few", "month");
        List("Timelines.OneYear", "a", "year");
        List("Timelines.NotBefore", "not", "before");
        List("Quantities.BelowPhrases", "under");
        List("Quantities.AbovePhrases", "over");
        List("Quantities.Below", "under");
        List("Quantities.Above", "over");
        List("Quantities.Than", "than");
        List("Quantities.RangeTo", "to");
        List("Quantities.RangeAnd", "and");
        List("Quantities.RangeOr", "or");
        List("Quantities.Between", "between");
        List("Quantities.PlusAfter", "plus");
        List("Quantities.Of", "of");
        List("Quantities.IsUnit", "unit");
        Numbers("Quantities.Scales", v => v switch { 100 => "hundred", 1_000 => "thousand", 1_000_000 => "million", _ => null });
        Numbers("Quantities.Vague", v => v switch { 300 => "hundred", 3_000 => "thousand", 3_000_000 => "million", _ => null });
        Numbers("Quantities.Small", v => v switch
        {
            1 => "a",
            0.5 => "half",
            _ when v == Math.Floor(v) && v >= 0 => ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        });
        // Cues said in several words ("peut-être", "plus tard", "in erster Linie") stand for the English cue word,
        // which the language's grammar then knows (a word of them alone means nothing: "plus" is not "later").
        List("Lexicon.TentativePhrases", "maybe");
        List("Lexicon.LaterPhrases", "later");
        List("Lexicon.FirstPhrases", "first");
        List("ChoiceMeaning.HedgePhrases", "probably");
        List("Words.ContrastPhrases", "but");
        List("Timelines.NextYear", "next", "year");
        List("DeviceClasses.ClassWords", "class");
        List("AnswerReaders.HeadWords", "employee");
        List("AnswerReaders.LocatedWords", "in");
        List("AnswerReaders.VolumeWords", "unit");
        foreach (var list in phrases.Values) list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return new Canon(words, phrases);
    }

    /// <summary>The words with the language's phrases and words replaced by the English ones the readers know.</summary>
    public List<Word> Apply(List<Word> words)
    {
        if (IsEmpty) return words;
        var result = new List<Word>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (_phrases.TryGetValue(word.Text, out var candidates))
            {
                var matched = false;
                foreach (var (parts, english) in candidates)
                {
                    if (i + parts.Length > words.Count) continue;
                    var same = true;
                    for (var j = 0; j < parts.Length && same; j++) same = words[i + j].Text == parts[j] && words[i + j].Clause == word.Clause;
                    if (!same) continue;
                    foreach (var e in english) result.Add(word with { Text = e });
                    i += parts.Length - 1;
                    matched = true;
                    break;
                }
                if (matched) continue;
            }
            if (_words.TryGetValue(word.Text, out var replaced))
            {
                foreach (var e in replaced) result.Add(word with { Text = e });
                continue;
            }
            result.Add(word);
        }
        return result;
    }
}
