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

    public static TheoryData<string, string, string> Questions
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var c in KnowledgeQuestionSet.All) data.Add(c.Question, c.Entries, c.Phrases);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void A_question_finds_the_passage_that_answers_it(string question, string entries, string phrases)
    {
        var answers = _knowledge.Answer(question);
        var expected = entries.Split('+').Zip(phrases.Split('|')).ToList();
        var found = string.Join("\n", answers.Select(a => $"{a.Entry.Id}#{a.Passage}: {a.Text}"));
        Assert.True(answers.Count == expected.Count, $"\"{question}\" found {answers.Count} passages:\n{found}");
        foreach (var (entry, phrase) in expected)
        {
            Assert.True(answers.Any(a => a.Entry.Id == entry && a.Text.Contains(phrase, StringComparison.Ordinal)), $"\"{question}\" should find {entry} (\"{phrase}\"), found:\n{found}");
        }
    }

    [Theory]
    [InlineData("what is the capital of france")]
    [InlineData("what time is it")]
    [InlineData("what is your name")]
    [InlineData("is it going to rain")]
    [InlineData("tell me a joke")]
    public void A_question_off_the_topic_finds_nothing(string question) => Assert.Empty(_knowledge.Answer(question));

    [Fact]
    public void The_set_has_at_least_thirty_questions() => Assert.True(KnowledgeQuestionSet.All.Length >= 30);

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
    [InlineData("do not know", false)]
    [InlineData("Do not keep it", false)]
    [InlineData("could be IIa", false)]
    [InlineData("will launch in 2027", false)]
    [InlineData("can't say", false)]
    [InlineData("can you help us with the design transfer?", true)]
    [InlineData("is a 510(k) enough for class II", true)]
    public void A_question_is_told_from_an_answer(string text, bool question) => Assert.Equal(question, QuestionDetector.IsQuestion(text));
}
