using System.Diagnostics;
using System.Runtime.InteropServices;
using PartnerBot.Advisor.Knowledge;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.Advisor.Understanding;
using PartnerBot.Tests.Advisor;

namespace PartnerBot.Benchmarks;

/// <summary>
/// What understanding typed text costs, in process: reading each typed answer of the test table, reading a
/// description of the project against every open question, the progress count, building the knowledge index
/// (the shipped entries, plus generated ones up to 500 passages) and answering the knowledge questions.
/// </summary>
internal static class UnderstandingBenchmark
{
    private const string Paragraph = "We're a 12-person startup in Munich with a working proof of concept, aiming at the EU first, probably class IIa, no QMS yet";

    public static int Run(int rounds, int passages)
    {
        Console.WriteLine($"PartnerBot understanding benchmark: {rounds} rounds");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        var context = new ReadContext(new DateOnly(2026, 12, 1));
        var questions = TypedAnswerTable.All.Select(c => (Question: Find(c.Question), c.Typed)).ToList();

        // Warm up every path once (lazy lexicons, regexes, the JIT).
        foreach (var (question, typed) in questions) question.Read(typed, context);

        var reads = Measure(rounds, () => { foreach (var (question, typed) in questions) Time(() => question.Read(typed, context)); });
        Report($"typed answer read ({questions.Count} answers)", reads);

        var words = Words.Of(Paragraph);
        var clauses = words.GroupBy(w => w.Clause).Select(g => (IReadOnlyList<Word>)g.ToList()).ToList();
        var description = Measure(rounds, () => Time(() =>
        {
            foreach (var question in AssessmentQuestions.All.Questions)
                foreach (var clause in clauses) question.ReadDescription(clause, context);
        }));
        Report("description read (all questions, one paragraph)", description);

        var fresh = new Assessment { ConsentGiven = true };
        var progress = Measure(rounds, () => Time(() => AssessmentQuestions.All.Progress(AssessmentQuestions.Organization, fresh)));
        Report("progress count (nothing answered yet)", progress);

        var folder = Path.Combine(AppContext.BaseDirectory, "knowledge");
        var extra = Directory.CreateTempSubdirectory("partnerbot-knowledge-").FullName;
        try
        {
            var shipped = KnowledgeBase.Load(folder);
            var shippedPassages = shipped.Entries.Sum(e => e.Passages.Count);
            shipped.Dispose();
            var generated = Generate(extra, Math.Max(0, passages - shippedPassages));

            var start = Stopwatch.StartNew();
            using var knowledge = KnowledgeBase.Load(folder, extra);
            knowledge.Answer("what is design transfer?");
            var startup = start.Elapsed.TotalMilliseconds;
            Console.WriteLine($"knowledge index    {knowledge.Entries.Sum(e => e.Passages.Count)} passages ({shippedPassages} shipped, {generated} generated): built and first answer in {startup:F0} ms");

            var asked = KnowledgeQuestionSet.All.Select(c => c.Question).Concat(KnowledgeQuestionSet.Unanswerable).ToList();
            foreach (var question in asked) knowledge.Answer(question);
            var answers = Measure(rounds, () => { foreach (var question in asked) Time(() => knowledge.Answer(question)); });
            Report($"knowledge answer ({asked.Count} questions)", answers);
        }
        finally
        {
            Directory.Delete(extra, recursive: true);
        }
        return 0;
    }

    private static IQuestion Find(string name) => AssessmentQuestions.All.Find(name) ?? throw new InvalidOperationException($"No question '{name}'.");

    /// <summary>Entries of plausible medtech prose, so the index has the size a partner's own knowledge base might reach.</summary>
    private static int Generate(string folder, int passages)
    {
        string[] subjects = ["sterile barrier", "packaging validation", "biocompatibility", "cleanroom assembly", "injection molding", "supplier audit", "label review", "software validation", "usability study", "risk file", "shelf life", "transport testing"];
        string[] verbs = ["plans", "documents", "reviews", "verifies", "qualifies", "monitors", "releases", "improves"];
        string[] objects = ["the device history", "each production lot", "the design inputs", "the process parameters", "the supplier's records", "the complaint trend", "the test protocol", "the change request"];
        var random = new Random(7);
        var written = 0;
        for (var entry = 0; written < passages; entry++)
        {
            var subject = subjects[entry % subjects.Length];
            var text = new List<string> { $"# {subject} note {entry}", $"Keywords: {subject}, note {entry}", "" };
            for (var p = 0; p < 4 && written < passages; p++, written++)
            {
                var sentences = Enumerable.Range(0, 3).Select(_ => $"Our team {verbs[random.Next(verbs.Length)]} {objects[random.Next(objects.Length)]} for the {subject} work.");
                text.Add(string.Join(" ", sentences));
                text.Add("");
            }
            File.WriteAllLines(Path.Combine(folder, $"generated-{entry}.md"), text);
        }
        return written;
    }

    [ThreadStatic] private static List<double>? _samples;

    private static void Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        _samples!.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static double[] Measure(int rounds, Action round)
    {
        _samples = [];
        for (var i = 0; i < rounds; i++) round();
        return [.. _samples.Order()];
    }

    private static void Report(string what, double[] sorted)
    {
        double P(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine($"{what,-52} p50 {P(0.50):F3} ms  p95 {P(0.95):F3} ms  p99 {P(0.99):F3} ms  max {sorted[^1]:F3} ms  ({sorted.Length} samples)");
    }
}
