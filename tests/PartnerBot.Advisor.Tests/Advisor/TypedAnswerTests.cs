using PartnerBot.Advisor.Questionnaire;
using PartnerBot.Advisor.Understanding;

namespace PartnerBot.Tests.Advisor;

/// <summary>
/// The typed answers of <see cref="TypedAnswerTable"/> read by each question: none is stored with another
/// meaning, the ambiguous ones are confirmed with the likely options first, and at least nine in ten of the
/// clear ones are understood without a confirmation.
/// </summary>
public sealed class TypedAnswerTests
{
    /// <summary>Launch dates in the table are counted from this day.</summary>
    internal static readonly ReadContext Today = new(new DateOnly(2026, 12, 1));

    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var c in TypedAnswerTable.All) data.Add(c.Question, c.Typed, c.Meaning);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_typed_answer_is_never_stored_with_another_meaning(string questionName, string typed, string meaning) =>
        AssertMeaning(questionName, typed, meaning);

    /// <summary>The table's rule for one case, in whatever language the turn reads (the translated tables use it too).</summary>
    internal static void AssertMeaning(string questionName, string typed, string meaning)
    {
        var question = Question(questionName);
        // A yes/no question's options are "yes" and "no" (they store true and false).
        if (question.Choices.All(c => c.Value is "yes" or "no")) meaning = meaning is "Yes" or "True" ? "yes" : meaning is "No" or "False" ? "no" : meaning;
        var reading = question.Read(typed, Today);
        var said = Describe(question, reading);

        if (meaning.StartsWith("confirm", StringComparison.Ordinal))
        {
            // Nothing may be stored: the bot asks.
            Assert.False(reading.IsUnderstood, $"\"{typed}\" was stored as {said}; it must be confirmed.");
            if (meaning.Split(':') is [_, var likely])
            {
                Assert.True(reading.Kind == ReadingKind.Confirm, $"\"{typed}\" was read as {said}; it must be confirmed with {likely}.");
                foreach (var option in likely.Split('|')) Assert.True(reading.Options.Select(i => question.Choices[i].Value).Contains(option), $"\"{typed}\" was read as {said}; {option} must be offered.");
            }
            return;
        }
        var values = reading.Options.Select(i => question.Choices[i].Value).ToList();
        if (reading.IsUnderstood) Assert.True(Expected(meaning).SequenceEqual(values.Order()), $"\"{typed}\" was read as {said}; it means {meaning}.");
        else if (reading.Kind == ReadingKind.Confirm) Assert.True(values.Contains(Expected(meaning)[0]), $"\"{typed}\" was read as {said}; {meaning} must be offered.");
    }

    [Fact]
    public void At_least_nine_in_ten_clear_answers_are_understood_without_a_confirmation()
    {
        var clear = TypedAnswerTable.All.Where(c => !c.Meaning.StartsWith("confirm", StringComparison.Ordinal)).ToList();
        var missed = clear.Where(c => !Question(c.Question).Read(c.Typed, Today).IsUnderstood).Select(c => $"{c.Question}: {c.Typed}").ToList();
        Assert.True(TypedAnswerTable.All.Length >= 150);
        Assert.True(missed.Count <= clear.Count / 10, $"{missed.Count} of {clear.Count} clear answers were not understood:\n" + string.Join("\n", missed));
    }

    [Theory]
    [InlineData("more than 2 years")]
    [InlineData("launched 3 years ago")]
    [InlineData("in 6 months")]
    public void A_time_typed_at_the_volume_question_is_no_amount(string typed) =>
        Assert.Equal(ReadingKind.NotUnderstood, AssessmentQuestions.Volume.Read(typed, Today).Kind);

    [Fact]
    public void An_amount_beside_a_time_is_read_alone()
    {
        var reading = AssessmentQuestions.Volume.Read("we plan to sell 3000 a year in 2 years", Today);
        Assert.True(reading.IsUnderstood);
        Assert.Equal(AssessmentQuestions.Volume.IndexOf(AnnualVolume.From1kTo10k), Assert.Single(reading.Options));
    }

    [Fact]
    public void Every_question_of_the_questionnaire_is_in_the_table() =>
        Assert.Empty(AssessmentQuestions.All.Questions.Select(q => q.Name).Except(TypedAnswerTable.All.Select(c => Question(c.Question).Name)));

    [Fact]
    public void A_negation_before_an_options_own_words_never_yields_that_option_without_a_confirmation()
    {
        var negations = new[] { "not", "no", "never", "we have not", "we don't have", "without", "haven't got", "nothing", "yet to reach" };
        var cases = AssessmentQuestions.All.Questions
            .SelectMany(q => q.Choices.Select((c, i) => (Question: q, Option: i, Words: c.DisplayTitle)))
            // Options that are themselves a negation ("Not sure", "No") are what a negation means.
            .Where(x => !Lexicon.Negators.Contains(Words.Of(x.Words)[0].Text) && !x.Words.StartsWith("None", StringComparison.Ordinal))
            .ToList();
        // The whole space is small enough to check every combination rather than a sample of it.
        var taken = new List<string>();
        foreach (var (question, option, words) in cases)
        {
            foreach (var negation in negations)
            {
                foreach (var typed in new[] { $"{negation} {words.ToLowerInvariant()}", $"{negation} {words.ToLowerInvariant()} yet", $"we {negation} {words}" })
                {
                    var reading = question.Read(typed, Today);
                    if (reading.IsUnderstood && reading.Options.Contains(option)) taken.Add($"{question.Name}: \"{typed}\"");
                }
            }
        }
        Assert.True(taken.Count == 0, "Taken for the option they negate:\n" + string.Join("\n", taken));
    }

    internal static IQuestion Question(string name) => AssessmentQuestions.All.Find(name) ?? throw new InvalidOperationException($"No question '{name}'.");

    private static List<string> Expected(string meaning) => meaning.Split('+').Order().ToList();

    private static string Describe(IQuestion question, Reading reading) =>
        reading.Kind + " " + string.Join(",", reading.Options.Select(i => question.Choices[i].Value));
}
