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

namespace PartnerBot.Advisor.Knowledge;

/// <summary>
/// The knowledge base: the Markdown entries, one Lucene document per passage (title, keywords and text, English
/// analysis, BM25), built once in memory at start. <see cref="Answer"/> finds the passage that answers a question;
/// a question about two things ("the difference between a 510(k) and a PMA") gets a passage for each unless one
/// entry covers both. A question it has no good passage for gets none, so that an expert answers it instead.
/// </summary>
public sealed partial class KnowledgeBase : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Words of a question that say it is a question, not what it is about.</summary>
    private static readonly HashSet<string> QuestionWords =
        ["what", "whats", "how", "why", "when", "where", "who", "which", "do", "does", "did", "can", "could", "should", "would", "will", "is", "are", "mean", "means", "meaning",
         "stand", "explain", "tell", "me", "difference", "differ", "between", "versus", "vs", "you", "your", "we", "our", "us", "i", "my", "need", "about", "exactly", "actually",
         "please", "kind", "type", "thing", "one", "fit", "fits", "happen", "happens", "work", "works", "doe", "need", "really", "define", "definition", "term", "word", "s"];

    /// <summary>Questions about the partner's own business (price, capacity, dates, customers): an expert answers those.</summary>
    [GeneratedRegex(@"\bcan you (make|build|produce|manufacture|deliver|ship|start|sign|do)\b|\bby (january|february|march|april|may|june|july|august|september|october|november|december|next week|next month)\b|\b(cost|costs|price|prices|pricing|quote|rate|rates|budget|fee|fees|nda|contract|capacity|customers?|clients?|cleanroom|clean room|facility|facilities|hire|weather|salary|discount)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForAnExpert();

    private readonly Analyzer _analyzer = new EnglishAnalyzer(Version);
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public KnowledgeBase(IReadOnlyList<KnowledgeEntry> entries)
    {
        Entries = entries;
        var config = new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity() };
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
                    });
                }
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>The passages below this score are not a good enough answer.</summary>
    public float MinimumScore { get; init; } = 2.5f;

    /// <summary>Reads every <c>*.md</c> file of the folders; a later folder's entry replaces an earlier one of the same name.</summary>
    public static KnowledgeBase Load(params string?[] folders)
    {
        var entries = new Dictionary<string, KnowledgeEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in folders.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            if (!System.IO.Directory.Exists(folder)) throw new DirectoryNotFoundException($"The knowledge folder '{folder}' does not exist.");
            foreach (var file in System.IO.Directory.EnumerateFiles(folder!, "*.md").Order(StringComparer.Ordinal))
            {
                var id = System.IO.Path.GetFileNameWithoutExtension(file);
                entries[id] = KnowledgeEntry.Parse(id, File.ReadAllText(file));
            }
        }
        if (entries.Count == 0) throw new InvalidOperationException("The knowledge base has no entries: " + string.Join(", ", folders));
        return new KnowledgeBase(entries.Values.ToList());
    }

    /// <summary>The passages that answer the question (two for a question about two things), or none.</summary>
    public IReadOnlyList<KnowledgeAnswer> Answer(string question)
    {
        if (ForAnExpert().IsMatch(question)) return [];
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

    private KnowledgeAnswer? Best(string text)
    {
        var terms = Terms(text);
        if (terms.Count == 0) return null;
        var query = new BooleanQuery();
        foreach (var term in terms.Distinct())
        {
            query.Add(new TermQuery(new Term("title", term)) { Boost = 2.5f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term("keywords", term)) { Boost = 2f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term("text", term)), Occur.SHOULD);
            // A typo ("verificaton") still finds its word, for a lower score.
            if (term.Length >= 6) query.Add(new FuzzyQuery(new Term("title", term), 1) { Boost = 1f }, Occur.SHOULD);
        }
        var hits = _searcher.Search(query, 8).ScoreDocs;
        if (hits.Length == 0) return null;
        KnowledgeAnswer? best = null;
        foreach (var hit in hits)
        {
            var document = _searcher.Doc(hit.Doc);
            var entry = Entries[document.GetField("entry").GetInt32Value()!.Value];
            var passage = document.GetField("passage").GetInt32Value()!.Value;
            // An entry's first passage is written to answer "what is it"; on a near tie it wins. An entry whose title the
            // question names in full ("what is a CDMO" and "What is a CDMO?") comes before one that merely mentions it.
            var title = TitleTerms(entry);
            var named = title.Count == 0 ? 0f : title.Count(terms.Contains) / (float)title.Count;
            var score = hit.Score * (passage == 0 ? 1.1f : 1f) * (1f + 0.6f * named);
            if (best is null || score > best.Score) best = new KnowledgeAnswer(entry, passage, score);
        }
        return best!.Score >= MinimumScore ? best : null;
    }

    private bool Covers(KnowledgeAnswer answer, string part)
    {
        var covered = Terms(answer.Entry.Title + " " + string.Join(" ", answer.Entry.Keywords)).ToHashSet();
        var asked = Terms(part);
        return asked.Count > 0 && asked.All(covered.Contains);
    }

    private readonly Dictionary<string, List<string>> _titleTerms = [];

    private List<string> TitleTerms(KnowledgeEntry entry)
    {
        lock (_titleTerms)
        {
            if (!_titleTerms.TryGetValue(entry.Id, out var terms)) _titleTerms[entry.Id] = terms = Terms(entry.Title).Distinct().ToList();
            return terms;
        }
    }

    /// <summary>"difference between X and Y", "X vs Y", "X or Y?": the two things asked about.</summary>
    private static (string First, string Second)? Parts(string question)
    {
        var match = TwoThings().Match(question);
        return match.Success ? (match.Groups["a"].Value, match.Groups["b"].Value) : null;
    }

    [GeneratedRegex(@"(?:between\s+)?(?<a>[\w()&/\-\. ]{2,60}?)\s+(?:vs\.?|versus|and|or|compared to|compared with)\s+(?<b>[\w()&/\-\. ]{2,60}?)\s*(?:[?,!.]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex TwoThings();

    /// <summary>The question's terms as the index has them: English analysis, question words dropped.</summary>
    private List<string> Terms(string text)
    {
        var terms = new List<string>();
        var kept = string.Join(' ', Regex.Split(Clean(text).ToLowerInvariant(), @"[^\p{L}\p{N}&]+").Where(w => w.Length > 0 && !QuestionWords.Contains(w)));
        using var stream = _analyzer.GetTokenStream("text", kept);
        var attribute = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(attribute.ToString());
        stream.End();
        return terms;
    }

    /// <summary>"510(k)" and "510 k" are one word, as prospects type it.</summary>
    private static string Clean(string text) => FiveTenK().Replace(text, "510k");

    [GeneratedRegex(@"\b510\s*\(?\s*k\s*\)?", RegexOptions.IgnoreCase)]
    private static partial Regex FiveTenK();

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
