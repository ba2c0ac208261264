using PartnerBot.Advisor.Glossary;

namespace PartnerBot.Tests.Advisor;

/// <summary>The terms a prospect can ask about, however they phrase the question.</summary>
public sealed class GlossaryTests
{
    [Theory]
    [InlineData("What is a notified body?", "Notified body")]
    [InlineData("what's a PMA", "PMA")]
    [InlineData("what does DHF mean", "Design history file")]
    [InlineData("design history file?", "Design history file")]
    [InlineData("explain process validation", "Process validation")]
    [InlineData("What does confidence mean here?", "Confidence")]
    [InlineData("what is the difference between verification and validation?", "Verification and validation")]
    public void A_question_about_a_term_finds_it(string text, string term) => Assert.Equal(term, Terms.Asked(text)?.Name);

    [Theory]
    [InlineData("qms")]
    [InlineData("validated")]
    [InlineData("Class IIa")]
    [InlineData("what?")]
    [InlineData("yes")]
    public void An_answer_is_not_taken_for_a_question_about_a_term(string text) => Assert.Null(Terms.Asked(text));

    [Fact]
    public void Every_term_the_issue_names_is_explained()
    {
        foreach (var term in new[] { "PMA", "notified body", "design history file", "process validation", "confidence" })
        {
            Assert.Contains(Terms.All, t => t.Spellings.Contains(term.ToLowerInvariant()));
        }
    }
}
