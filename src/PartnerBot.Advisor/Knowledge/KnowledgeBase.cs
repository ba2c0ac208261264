using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PartnerBot.Advisor.Languages;

namespace PartnerBot.Advisor.Knowledge;

/// <summary>
/// The knowledge base: the Markdown entries, one Lucene document per passage (title, keywords and text, English
/// analysis, BM25), built once in memory at start. <see cref="Answer"/> finds the passage that answers a question;
/// a question about two things ("the difference between a 510(k) and a PMA") gets a passage for each unless one
/// entry covers both. A question it has no good passage for gets none, so that an expert answers it instead.
/// Each language has its own entries (<c>knowledge/de/</c>, <c>knowledge/fr/</c>, the same files written for that
/// language) and its own index, analysed in that language; a question is answered from the turn's language's.
/// </summary>
public sealed partial class KnowledgeBase : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Words of an English question that say it is a question, not what it is about.</summary>
    private static readonly HashSet<string> EnglishQuestionWords =
        ["what", "whats", "how", "why", "when", "where", "who", "which", "do", "does", "did", "can", "could", "should", "would", "will", "is", "are", "mean", "means", "meaning",
         "stand", "explain", "tell", "me", "difference", "differ", "between", "versus", "vs", "you", "your", "we", "our", "us", "i", "my", "need", "about", "exactly", "actually",
         "please", "kind", "type", "thing", "one", "fit", "fits", "happen", "happens", "doe", "really", "define", "definition", "term", "word", "s", "get", "go"];

    /// <summary>Questions about the partner's own business (price, capacity, dates, customers): an expert answers those.</summary>
    [GeneratedRegex(@"\bcan you (make|build|produce|manufacture|deliver|ship|start|sign|do)\b|\bby (january|february|march|april|may|june|july|august|september|october|november|december|next week|next month)\b|\b(cost|costs|price|prices|pricing|quote|rate|rates|budget|fee|fees|nda|capacity|customers?|clients?|cleanroom|clean room|facility|facilities|hire|salary|discount)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForAnExpert();

    private readonly Analyzer _analyzer;
    private readonly HashSet<string> _questionWords;
    private readonly Dictionary<Language, KnowledgeBase> _translations = [];
    private readonly Phrasing? _phrasing;

    /// <summary>Small words that say nothing about a topic when matched as written ("the", "der", "la").</summary>
    private readonly HashSet<string> _exactStopWords;

    private static readonly HashSet<string> EnglishExactStopWords = ["a", "an", "the", "to", "of", "for", "in", "on", "if", "it", "this", "that", "there"];

    /// <summary>Words as written, stop words kept: "no predicate", "industrialization", "QSR" match only themselves.</summary>
    private readonly Analyzer _exact = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new Lucene.Net.Analysis.Standard.StandardTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new Lucene.Net.Analysis.Core.LowerCaseFilter(Version, tokenizer));
    });

    private readonly Analyzer _fields;
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public KnowledgeBase(IReadOnlyList<KnowledgeEntry> entries) : this(entries, Language.English)
    {
    }

    public KnowledgeBase(IReadOnlyList<KnowledgeEntry> entries, Language language)
    {
        Entries = entries;
        Language = language;
        _analyzer = language.Code switch
        {
            "de" => new Lucene.Net.Analysis.De.GermanAnalyzer(Version),
            "fr" => new Lucene.Net.Analysis.Fr.FrenchAnalyzer(Version),
            _ => new EnglishAnalyzer(Version),
        };
        _phrasing = Phrasing.Of(language);
        _exactStopWords = language.IsEnglish
            ? EnglishExactStopWords
            : [.. (language.Catalog.Words("KnowledgeBase.ExactStopWords") ?? []).Concat(language.Catalog.Words("Lexicon.Filler") ?? []).Select(w => w.ToLowerInvariant())];
        _questionWords = language.IsEnglish ? EnglishQuestionWords : (language.Catalog.Words("KnowledgeBase.QuestionWords") ?? []).Select(w => w.ToLowerInvariant()).ToHashSet();
        _fields = new Lucene.Net.Analysis.Miscellaneous.PerFieldAnalyzerWrapper(_analyzer, new Dictionary<string, Analyzer> { ["exactTopic"] = _exact, ["exactText"] = _exact });
        var config = new IndexWriterConfig(Version, _fields) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(_directory, config))
        {
            for (var e = 0; e < entries.Count; e++)
            {
                for (var p = 0; p < entries[e].Passages.Count; p++)
                {
                    writer.AddDocument(new Document
                    {
                        new StoredField("entry", e),
                        new StoredField("passage", p),
                        new TextField("title", Clean(entries[e].Title), Field.Store.NO),
                        new TextField("keywords", Clean(string.Join(", ", entries[e].Keywords)), Field.Store.NO),
                        new TextField("text", Clean(entries[e].Passages[p]), Field.Store.NO),
                        new TextField("exactTopic", Clean(entries[e].Title + ", " + string.Join(", ", entries[e].Keywords)), Field.Store.NO),
                        new TextField("exactText", Clean(entries[e].Passages[p]), Field.Store.NO),
                    });
                }
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        foreach (var entry in entries)
        {
            for (var p = 0; p < entry.Passages.Count; p++) _analysed[(entry.Id, p)] = Analyse(entry, p);
            _titleTerms[entry.Id] = Terms(entry.Title).Distinct().ToList();
        }
        _general = (language.IsEnglish ? GeneralWords : language.Catalog.Words("KnowledgeBase.GeneralWords") ?? []).SelectMany(Terms).ToHashSet();
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>The language the entries are written in.</summary>
    public Language Language { get; }

    /// <summary>The entries written for <paramref name="language"/>, or null when the folders have none.</summary>
    public KnowledgeBase? In(Language language) => language == Language ? this : _translations.GetValueOrDefault(language);

    /// <summary>The passages below this score are not a good enough answer.</summary>
    public float MinimumScore { get; init; } = 1f;

    /// <summary>
    /// Reads every <c>*.md</c> file of the folders; a later folder's entry replaces an earlier one of the same name.
    /// The folders' <c>de</c> and <c>fr</c> subfolders are the German and French entries, read the same way.
    /// </summary>
    public static KnowledgeBase Load(params string?[] folders)
    {
        var given = folders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!).ToList();
        foreach (var folder in given)
        {
            if (!System.IO.Directory.Exists(folder)) throw new DirectoryNotFoundException($"The knowledge folder '{folder}' does not exist.");
        }
        var english = Read(given);
        if (english.Count == 0) throw new InvalidOperationException("The knowledge base has no entries: " + string.Join(", ", folders));
        var knowledge = new KnowledgeBase(english);
        foreach (var language in Language.All.Where(l => !l.IsEnglish))
        {
            var entries = Read(given.Select(f => System.IO.Path.Combine(f, language.Code)).Where(System.IO.Directory.Exists).ToList());
            if (entries.Count > 0) knowledge._translations[language] = new KnowledgeBase(entries, language);
        }
        return knowledge;

        static List<KnowledgeEntry> Read(IReadOnlyList<string> folders)
        {
            var entries = new Dictionary<string, KnowledgeEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var folder in folders)
            {
                foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
                {
                    var id = System.IO.Path.GetFileNameWithoutExtension(file);
                    entries[id] = KnowledgeEntry.Parse(id, File.ReadAllText(file));
                }
            }
            return [.. entries.Values];
        }
    }

    /// <summary>The passages that answer the question (two for a question about two things), or none.</summary>
    public IReadOnlyList<KnowledgeAnswer> Answer(string question)
    {
        // Asked in another language than these entries': answered from that language's own entries.
        if (Language.Current != Language && In(Language.Current) is { } translated && translated != this) return translated.Answer(question);
        if (ForAnExpert().IsMatch(question) || IsForAnExpert(question)) return [];
        var whole = Best(question);
        if (Parts(question) is { } parts)
        {
            // One entry that covers both (the CDMO and CMO comparison) answers best; otherwise one passage each.
            var first = Best(parts.First);
            var second = Best(parts.Second);
            if (whole is not null && Covers(whole, parts.First) && Covers(whole, parts.Second) && (first is null || second is null || whole.Entry == first.Entry || whole.Entry == second.Entry || whole.Score >= Math.Max(first.Score, second.Score)))
                return [whole];
            var answers = new[] { first, second }.OfType<KnowledgeAnswer>().DistinctBy(a => a.Entry.Id).ToList();
            if (answers.Count > 0) return answers;
        }
        return whole is null ? [] : [whole];
    }

    /// <summary>
    /// Words too general to make a question about the knowledge base on their own ("what time is it", "what is your
    /// name"): a passage matched only through them is no answer.
    /// </summary>
    private static readonly string[] GeneralWords =
        ["time", "name", "like", "today", "day", "week", "month", "year", "good", "best", "way", "thing", "people", "team", "company", "long", "much", "many",
         "new", "make", "take", "use", "know", "want", "say", "look", "go", "come", "think", "help", "start", "right", "now", "here", "there", "well", "weather", "rain", "joke", "game"];

    private readonly HashSet<string> _general;

    private KnowledgeAnswer? Best(string text)
    {
        if (Rank(text) is not [var best, ..] || best.Score < MinimumScore) return null;
        var (stems, _) = PassageTerms(best.Entry, best.Passage);
        return Terms(text).Any(t => !_general.Contains(t) && Found(stems, t)) ? best : null;
    }

    /// <summary>The passages a text matches, best first, with the score the answer is chosen by.</summary>
    public IReadOnlyList<KnowledgeAnswer> Rank(string text)
    {
        var terms = Terms(text);
        var words = ExactWords(text);
        if (terms.Count == 0 && words.Count == 0) return [];
        var query = new BooleanQuery();
        foreach (var term in terms.Distinct())
        {
            query.Add(new TermQuery(new Term("title", term)) { Boost = 2.5f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term("keywords", term)) { Boost = 2f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term("text", term)), Occur.SHOULD);
            // A typo ("verificaton") still finds its word, for a lower score.
            if (term.Length >= 6) query.Add(new FuzzyQuery(new Term("title", term), 1) { Boost = 1f }, Occur.SHOULD);
        }
        foreach (var word in words.Distinct())
        {
            // The word as written beats a word that merely shares its stem ("industrialization" is not "industrial").
            query.Add(new TermQuery(new Term("exactTopic", word)) { Boost = 1.5f }, Occur.SHOULD);
        }
        for (var i = 0; i + 1 < words.Count; i++)
        {
            // Two words of the question side by side in a passage ("no predicate", "design and development file").
            var pair = new PhraseQuery { Slop = 2, Boost = 1.5f };
            pair.Add(new Term("exactText", words[i]));
            pair.Add(new Term("exactText", words[i + 1]));
            query.Add(pair, Occur.SHOULD);
            var topic = new PhraseQuery { Slop = 1, Boost = 2f };
            topic.Add(new Term("exactTopic", words[i]));
            topic.Add(new Term("exactTopic", words[i + 1]));
            query.Add(topic, Occur.SHOULD);
        }
        var hits = _searcher.Search(query, 12).ScoreDocs;
        var definition = _phrasing is { } own ? own.Definition?.IsMatch(text) == true : Definition().IsMatch(text);
        var why = _phrasing is { } phrasing ? phrasing.Why.Any(w => text.TrimStart().StartsWith(w, StringComparison.OrdinalIgnoreCase)) : text.TrimStart().StartsWith("why", StringComparison.OrdinalIgnoreCase);
        var asked = terms.Distinct().ToList();
        var ranked = new List<KnowledgeAnswer>();
        foreach (var hit in hits)
        {
            var document = _searcher.Doc(hit.Doc);
            var entry = Entries[document.GetField("entry").GetInt32Value()!.Value];
            var passage = document.GetField("passage").GetInt32Value()!.Value;
            // The share of the question's words the entry and passage contain weighs more than how often one of them
            // occurs: "is the QSR still valid" is about the QSR, not about validation.
            var (stems, exact) = PassageTerms(entry, passage);
            var stemCoverage = asked.Count == 0 ? 1f : asked.Count(t => Found(stems, t)) / (float)asked.Count;
            var exactCoverage = words.Count == 0 ? stemCoverage : words.Count(w => Found(exact, w)) / (float)words.Count;
            var coverage = (stemCoverage + exactCoverage) / 2;
            var title = TitleTerms(entry);
            var named = title.Count == 0 ? 0f : title.Count(terms.Contains) / (float)title.Count;
            var pairs = Pairs(_analysed[(entry.Id, passage)].OwnTokens, words);
            ranked.Add(new KnowledgeAnswer(entry, passage, hit.Score * coverage * coverage * (1f + 0.3f * named) * (1f + 0.25f * pairs)));
        }
        // The entry is chosen by its best passage; the passage within it by its own words, since the title and
        // keywords are the same for all of them.
        var best = ranked.MaxBy(a => a.Score);
        if (best is null) return [];
        var passages = Enumerable.Range(0, best.Entry.Passages.Count)
            .Select(p => (Passage: p, Score: PassageScore(best.Entry, p, asked, words) + (definition && p == 0 ? 0.75f : 0f) + (why && (_phrasing?.Causal ?? Causal()).IsMatch(best.Entry.Passages[p]) ? 1f : 0f)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Passage)
            .ToList();
        var chosen = best with { Passage = passages[0].Passage };
        return [chosen, .. ranked.Where(a => a.Entry != best.Entry).OrderByDescending(a => a.Score)];
    }

    /// <summary>"Why" questions are answered by the passage that gives a reason.</summary>
    [GeneratedRegex(@"\b(because|since|so that|the reason|which is why)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Causal();

    /// <summary>How well one passage's own text matches: the question's words it contains, and pairs of them side by side.</summary>
    private float PassageScore(KnowledgeEntry entry, int passage, List<string> asked, List<string> words)
    {
        var own = _analysed[(entry.Id, passage)];
        // A word the passage only starts ("pre-sub" for "Pre-Submission") counts for half.
        var started = words.Count(w => w.Length >= 3 && !own.OwnExact.Contains(w) && own.OwnTokens.Any(t => t.StartsWith(w, StringComparison.Ordinal)));
        return asked.Count(t => Found(own.OwnStems, t)) + words.Count(w => Found(own.OwnExact, w)) + 0.5f * started + 1.5f * Pairs(own.OwnTokens, words);
    }

    /// <summary>Pairs of the question's words that stand side by side (a word or two apart) in the text.</summary>
    private static int Pairs(List<string> text, List<string> words)
    {
        var pairs = 0;
        for (var i = 0; i + 1 < words.Count; i++)
        {
            for (var j = 0; j < text.Count; j++)
            {
                if (text[j] != words[i] && !(words[i].Length >= 3 && text[j].StartsWith(words[i], StringComparison.Ordinal))) continue;
                if (text.Skip(j + 1).Take(3).Any(t => t == words[i + 1] || words[i + 1].Length >= 3 && t.StartsWith(words[i + 1], StringComparison.Ordinal))) { pairs++; break; }
            }
        }
        return pairs;
    }

    /// <summary>Present, or one typo away for a longer word ("verificaton").</summary>
    private static bool Found(IReadOnlySet<string> terms, string term) =>
        terms.Contains(term) || term.Length >= 6 && terms.Any(t => Math.Abs(t.Length - term.Length) <= 1 && OneEditApart(t, term));

    /// <summary>One passage's words as the ranking compares them, worked out once when the index is built.</summary>
    private sealed record Analysed(HashSet<string> TopicStems, HashSet<string> TopicExact, HashSet<string> OwnStems, List<string> OwnTokens, HashSet<string> OwnExact);

    private readonly Dictionary<(string Entry, int Passage), Analysed> _analysed = [];

    private Analysed Analyse(KnowledgeEntry entry, int passage)
    {
        var own = entry.Passages[passage];
        var text = entry.Title + " " + string.Join(" ", entry.Keywords) + " " + own;
        var tokens = ExactTokens(own);
        return new Analysed(Terms(text).ToHashSet(), ExactTokens(text).ToHashSet(), Terms(own).ToHashSet(), tokens, tokens.ToHashSet());
    }

    /// <summary>An entry's title, keywords and one passage, stemmed and as written.</summary>
    private (HashSet<string> Stems, HashSet<string> Exact) PassageTerms(KnowledgeEntry entry, int passage)
    {
        var analysed = _analysed[(entry.Id, passage)];
        return (analysed.TopicStems, analysed.TopicExact);
    }

    private List<string> ExactTokens(string text)
    {
        var tokens = new List<string>();
        using var stream = _exact.GetTokenStream("exactText", Clean(text));
        var attribute = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add(attribute.ToString());
        stream.End();
        return tokens;
    }


    /// <summary>"What is X", "what does X mean", "define X": asks for the thing itself.</summary>
    [GeneratedRegex(@"^\s*(what\s+is|what's|whats|what\s+are|what\s+does\s+.+\s+(mean|stand\s+for)|define|meaning\s+of|what\s+do\s+you\s+mean\s+by)\b|^\s*[\w()&/ -]{1,30}\?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Definition();

    /// <summary>The question's words as written (lower case), question words dropped.</summary>
    private List<string> ExactWords(string text)
    {
        var words = new List<string>();
        using var stream = _exact.GetTokenStream("exactText", Clean(text));
        var attribute = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = attribute.ToString();
            // "class I" keeps its "I", which is otherwise the prospect speaking.
            if (word == "i" && words.Count > 0 && words[^1] == "class") { words.Add(word); continue; }
            if (!_questionWords.Contains(word) && !_exactStopWords.Contains(word)) words.Add(word);
        }
        stream.End();
        return words;
    }

    /// <summary>True when the entry's title and keywords name every word of <paramref name="part"/>, stemmed or as written.</summary>
    private bool Covers(KnowledgeAnswer answer, string part)
    {
        var topic = answer.Entry.Title + " " + string.Join(" ", answer.Entry.Keywords);
        var stems = Terms(topic).ToHashSet();
        var exact = ExactTokens(topic).ToHashSet();
        var asked = ExactWords(part);
        return asked.Count > 0 && asked.All(w => Found(exact, w) || Terms(w).All(t => Found(stems, t)));
    }

    private static bool OneEditApart(string a, string b)
    {
        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { i++; j++; continue; }
            if (++edits > 1) return false;
            if (a.Length > b.Length) i++;
            else if (b.Length > a.Length) j++;
            else { i++; j++; }
        }
        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }

    private readonly Dictionary<string, List<string>> _titleTerms = [];

    private List<string> TitleTerms(KnowledgeEntry entry) => _titleTerms[entry.Id];

    /// <summary>"difference between X and Y", "X vs Y", "X or Y?": the two things asked about.</summary>
    private (string First, string Second)? Parts(string question)
    {
        foreach (var pattern in _phrasing?.TwoThings ?? [TwoThings()])
        {
            var match = pattern.Match(question);
            if (match.Success && match.Groups["a"].Success && match.Groups["b"].Success) return (match.Groups["a"].Value, match.Groups["b"].Value);
        }
        return null;
    }

    /// <summary>How questions are put in another language than English: the patterns the English ones stand beside.</summary>
    private sealed record Phrasing(IReadOnlyList<Regex> TwoThings, Regex? Definition, Regex Causal, IReadOnlyList<string> Why)
    {
        public static Phrasing? Of(Language language)
        {
            if (language.IsEnglish) return null;
            static Regex? Pattern(string entry)
            {
                try
                {
                    return new Regex(entry, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException)
                {
                    return null;
                }
            }
            var catalog = language.Catalog;
            var causal = (catalog.Phrases("KnowledgeBase.Causal") ?? []).Select(p => p.IndexOfAny(['\\', '(', '[']) >= 0 ? p : @"\b" + Regex.Escape(p) + @"\b");
            return new Phrasing(
                [.. (catalog.Phrases("KnowledgeBase.TwoThings") ?? []).Select(Pattern).OfType<Regex>()],
                (catalog.Phrases("KnowledgeBase.Definition") ?? []).Select(Pattern).OfType<Regex>().FirstOrDefault(),
                Pattern(string.Join("|", causal.DefaultIfEmpty("$^"))) ?? new Regex("$^"),
                catalog.Words("KnowledgeBase.Why") ?? []);
        }
    }

    [GeneratedRegex(@"between\s+(?<a>[\w()&/\-\. ]{2,60}?)\s+and\s+(?<b>[\w()&/\-\. ]{2,60}?)\s*(?:[?,!.]|$)|(?<a>[\w()&/\-\. ]{2,60}?)\s+(?:vs\.?|versus|or|compared to|compared with)\s+(?<b>[\w()&/\-\. ]{2,60}?)\s*(?:[?,!.]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex TwoThings();

    /// <summary>The question's terms as the index has them: English analysis, question words dropped.</summary>
    private List<string> Terms(string text)
    {
        var terms = new List<string>();
        var kept = string.Join(' ', Regex.Split(Clean(text).ToLowerInvariant(), @"[^\p{L}\p{N}&]+").Where(w => w.Length > 0 && !_questionWords.Contains(w)));
        using var stream = _analyzer.GetTokenStream("text", kept);
        var attribute = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(attribute.ToString());
        stream.End();
        return terms;
    }

    /// <summary>"510(k)" and "510 k" are one word, as prospects type it.</summary>
    private static string Clean(string text) => FiveTenK().Replace(text, "510k");

    [GeneratedRegex(@"\b510\s*(?:\(\s*k\s*\)|k\b)", RegexOptions.IgnoreCase)]
    private static partial Regex FiveTenK();

    /// <summary>A question in this language about the partner's own business (price, capacity…).</summary>
    private bool IsForAnExpert(string question)
    {
        if (Language.IsEnglish) return false;
        var words = " " + string.Join(' ', Regex.Split(question.ToLowerInvariant(), @"[^\p{L}\p{N}]+")) + " ";
        return (Language.Catalog.Phrases("KnowledgeBase.ForAnExpert") ?? []).Any(p => words.Contains(" " + p.ToLowerInvariant().Trim() + " ", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var translated in _translations.Values) translated.Dispose();
        _reader.Dispose();
        _directory.Dispose();
        _fields.Dispose();
        _exact.Dispose();
        _analyzer.Dispose();
    }
}
