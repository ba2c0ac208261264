using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.Advisor.Understanding;

namespace PartnerBot.Tests.Advisor;

/// <summary>
/// German and French typed answers (<see cref="TypedAnswerTableTranslated"/>) read by each question in the
/// prospect's language, by the same rules as the English table: none is stored with another meaning, the ambiguous
/// ones are confirmed with the likely options first, and at least nine in ten of the clear ones are understood
/// without a confirmation.
/// </summary>
public sealed class TypedAnswerTranslatedTests
{
    private static readonly ReadContext Today = TypedAnswerTests.Today;

    public static TheoryData<string, string, string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string, string, string>();
            foreach (var c in TypedAnswerTableTranslated.German) data.Add("de", c.Question, c.Typed, c.Meaning);
            foreach (var c in TypedAnswerTableTranslated.French) data.Add("fr", c.Question, c.Typed, c.Meaning);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_typed_answer_is_never_stored_with_another_meaning(string language, string questionName, string typed, string meaning)
    {
        using var _ = new InLanguage(language);
        TypedAnswerTests.AssertMeaning(questionName, typed, meaning);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    public void At_least_nine_in_ten_clear_answers_are_understood_without_a_confirmation(string code)
    {
        using var _ = new InLanguage(code);
        var table = code == "de" ? TypedAnswerTableTranslated.German : TypedAnswerTableTranslated.French;
        var clear = table.Where(c => !c.Meaning.StartsWith("confirm", StringComparison.Ordinal)).ToList();
        var missed = clear.Where(c => !Question(c.Question).Read(c.Typed, Today).IsUnderstood).Select(c => $"{c.Question}: {c.Typed}").ToList();
        Assert.True(table.Length >= 50);
        Assert.True(missed.Count <= clear.Count / 10, $"{missed.Count} of {clear.Count} clear answers were not understood:\n" + string.Join("\n", missed));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    public void Every_question_of_the_questionnaire_is_in_the_table(string code)
    {
        var table = code == "de" ? TypedAnswerTableTranslated.German : TypedAnswerTableTranslated.French;
        Assert.Empty(AssessmentQuestions.All.Questions.Select(q => q.Name).Except(table.Select(c => Question(c.Question).Name)));
    }

    [Theory]
    [InlineData("de", "5.000 Stück", 5_000)]
    [InlineData("de", "2,5 Mio. im Jahr", 2_500_000)]
    [InlineData("de", "zwischen 5.000 und 20.000", 5_000)]
    [InlineData("fr", "5 000 unités", 5_000)]
    [InlineData("fr", "5\u00a0000 unités", 5_000)]
    [InlineData("fr", "2,5 millions par an", 2_500_000)]
    public void Numbers_are_read_with_the_languages_separators(string code, string typed, double low)
    {
        using var _ = new InLanguage(code);
        var quantity = Assert.Single(Quantities.Find(Words.Of(typed, Language.Current)));
        Assert.Equal(low, quantity.Low);
    }

    private static IQuestion Question(string name) => TypedAnswerTests.Question(name);
}
