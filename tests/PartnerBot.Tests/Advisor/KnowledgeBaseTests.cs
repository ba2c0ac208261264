using PartnerBot.Advisor.Knowledge;

namespace PartnerBot.Tests.Advisor;

/// <summary>The knowledge base finds, for each question of <see cref="KnowledgeQuestionSet"/>, the passage that answers it, and nothing for what only an expert can answer.</summary>
public sealed class KnowledgeBaseTests : IClassFixture<KnowledgeBaseTests.Index>
{
    public sealed class Index : IDisposable
    {
        public KnowledgeBase Base { get; } = KnowledgeBase.Load(Path.Combine(AppContext.BaseDirectory, "knowledge"));

        public void Dispose() => Base.Dispose();
    }

    private readonly KnowledgeBase _knowledge;

    public KnowledgeBaseTests(Index index) => _knowledge = index.Base;

    public static TheoryData<string> Unanswerable => new(KnowledgeQuestionSet.Unanswerable);

    /// <summary>
    /// The floor this version reaches on the whole set, each miss listed. The goal is every question; the misses
    /// are mostly the right entry with its other passage, and are listed so that ranking work can be measured.
    /// </summary>
    [Fact]
    public void Most_questions_find_the_passage_that_answers_them_and_nearly_all_find_the_right_entry()
    {
        var missed = new List<string>();
        var wrongEntry = new List<string>();
        foreach (var c in KnowledgeQuestionSet.All)
        {
            var answers = _knowledge.Answer(c.Question);
            var expected = c.Entries.Split('+').Zip(c.Phrases.Split('|')).ToList();
            if (answers.Count != expected.Count || !expected.All(e => answers.Any(a => a.Entry.Id == e.First && a.Text.Contains(e.Second, StringComparison.Ordinal))))
                missed.Add($"{c.Question} -> {string.Join(", ", answers.Select(a => $"{a.Entry.Id}#{a.Passage}"))}");
            if (!expected.Any(e => answers.Any(a => a.Entry.Id == e.First))) wrongEntry.Add(c.Question);
        }
        Assert.True(KnowledgeQuestionSet.All.Length >= 30);
        Assert.True(missed.Count * 4 <= KnowledgeQuestionSet.All.Length, $"{missed.Count} of {KnowledgeQuestionSet.All.Length} missed their passage:\n" + string.Join("\n", missed));
        Assert.True(wrongEntry.Count * 6 <= KnowledgeQuestionSet.All.Length, $"{wrongEntry.Count} found no expected entry:\n" + string.Join("\n", wrongEntry));
    }

    [Theory]
    [MemberData(nameof(Unanswerable))]
    public void A_question_only_an_expert_can_answer_finds_nothing(string question) =>
        Assert.Empty(_knowledge.Answer(question));

    [Fact]
    public void Every_entry_has_a_title_and_passages_and_the_old_glossary_terms_are_covered()
    {
        Assert.True(_knowledge.Entries.Count >= 30);
        foreach (var term in new[] { "notified body", "PMA", "510(k)", "design history file", "process validation", "confidence", "DFM", "ISO 13485", "verification", "CDMO", "CMO", "design transfer", "De Novo", "QMSR" })
        {
            Assert.NotEmpty(_knowledge.Answer($"what is {term}?"));
        }
    }

    [Fact]
    public void A_partners_own_folder_adds_entries_and_replaces_one_of_the_same_name()
    {
        var folder = Infrastructure.TestDirectory.Create();
        try
        {
            File.WriteAllText(Path.Combine(folder, "cleanroom-class.md"), "# Our cleanroom\nKeywords: ISO 7, cleanroom class\n\nAssembly happens in an ISO class 7 cleanroom with its own gowning area and particle monitoring.\n");
            File.WriteAllText(Path.Combine(folder, "pma.md"), "# PMA at our site\n\nOur PMA passage replaces the shipped one for this partner.\n");
            using var knowledge = KnowledgeBase.Load(Path.Combine(AppContext.BaseDirectory, "knowledge"), folder);

            Assert.Contains("ISO class 7", Assert.Single(knowledge.Answer("which iso class is the assembly area?")).Text);
            Assert.Equal("PMA at our site", Assert.Single(knowledge.Answer("what is a PMA?")).Entry.Title);
        }
        finally
        {
            Infrastructure.TestDirectory.TryDelete(folder);
        }
    }

    [Fact]
    public void An_entry_without_a_title_is_refused_with_its_name() =>
        Assert.Contains("broken", Assert.Throws<FormatException>(() => KnowledgeEntry.Parse("broken", "Just a paragraph.\n")).Message);

    [Theory]
    [InlineData("what is design transfer?", true)]
    [InlineData("difference between verification and validation", true)]
    [InlineData("cdmo or cmo, which one fits us", true)]
    [InlineData("do you need iso 13485 certification for the fda?", true)]
    [InlineData("IIa?", false)]
    [InlineData("class I or IIa, we are not sure which", false)]
    [InlineData("we have not validated it yet", false)]
    [InlineData("about 5000 a year", false)]
    public void A_question_is_told_from_an_answer(string text, bool question) => Assert.Equal(question, QuestionDetector.IsQuestion(text));
}
