using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Tests.Dialogs;

public sealed class ChoiceRecognizerTests
{
    private static readonly IReadOnlyList<Choice> Organizations =
    [
        new("Startup", "Startup", ["start-up", "founder"]),
        new("GrowingSme", "Growing SME", ["sme", "scale up"]),
        new("Enterprise", "Enterprise", ["corporate"]),
    ];

    private static readonly IReadOnlyList<Choice> Maturity =
    [
        new("Concept", "Idea or concept only"),
        new("ProofOfConcept", "Proof-of-concept prototype", ["3d printed prototype"]),
        new("DesignInProgress", "Design in progress"),
        new("DesignFrozen", "Design frozen, verification under way"),
    ];

    [Theory]
    [InlineData("Startup", "Startup", ChoiceMatch.Exact)]
    [InlineData("  STARTUP  ", "Startup", ChoiceMatch.Exact)]
    [InlineData("growing   sme", "GrowingSme", ChoiceMatch.Exact)]
    [InlineData("Growing SME!", "GrowingSme", ChoiceMatch.Exact)]
    [InlineData("Entérprise", "Enterprise", ChoiceMatch.Exact)]
    [InlineData("start-up", "Startup", ChoiceMatch.Synonym)]
    [InlineData("Start up", "Startup", ChoiceMatch.Synonym)]
    [InlineData("corporate", "Enterprise", ChoiceMatch.Synonym)]
    [InlineData("2", "GrowingSme", ChoiceMatch.Number)]
    [InlineData("#3", "Enterprise", ChoiceMatch.Number)]
    [InlineData("option 1", "Startup", ChoiceMatch.Number)]
    [InlineData("two", "GrowingSme", ChoiceMatch.Number)]
    [InlineData("second", "GrowingSme", ChoiceMatch.Ordinal)]
    [InlineData("the 2nd one", "GrowingSme", ChoiceMatch.Ordinal)]
    [InlineData("the third", "Enterprise", ChoiceMatch.Ordinal)]
    [InlineData("I'd say the first one", "Startup", ChoiceMatch.Ordinal)]
    [InlineData("last", "Enterprise", ChoiceMatch.Ordinal)]
    [InlineData("enterp", "Enterprise", ChoiceMatch.Partial)]
    [InlineData("we are a startup", "Startup", ChoiceMatch.Partial)]
    [InlineData("we're a growing SME in Zurich", "GrowingSme", ChoiceMatch.Partial)]
    public void Recognizes_one_choice(string input, string expected, ChoiceMatch how)
    {
        var found = ChoiceRecognizer.RecognizeOne(input, Organizations);

        Assert.NotNull(found);
        Assert.Equal(expected, found.Value);
        Assert.Equal(how, found.Match);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("fourth")]
    [InlineData("banana")]
    [InlineData("enterprises and startups")]
    [InlineData("st")]
    public void Does_not_guess(string? input)
    {
        Assert.Null(ChoiceRecognizer.RecognizeOne(input, Organizations));
    }

    [Fact]
    public void An_ambiguous_partial_answer_is_not_guessed()
    {
        Assert.Null(ChoiceRecognizer.RecognizeOne("design", Maturity));
    }

    [Fact]
    public void A_loose_description_maps_only_through_a_declared_synonym()
    {
        Assert.Equal("ProofOfConcept", ChoiceRecognizer.RecognizeOne("3D printed prototype", Maturity)?.Value);
        Assert.Null(ChoiceRecognizer.RecognizeOne("we have something on the bench", Maturity));
    }

    [Theory]
    [InlineData("1, 3", new[] { "Startup", "Enterprise" })]
    [InlineData("startup and enterprise", new[] { "Startup", "Enterprise" })]
    [InlineData("sme; corporate", new[] { "GrowingSme", "Enterprise" })]
    [InlineData("3 & 1 & 3", new[] { "Startup", "Enterprise" })]
    [InlineData("all of them", new[] { "Startup", "GrowingSme", "Enterprise" })]
    [InlineData("growing sme", new[] { "GrowingSme" })]
    public void Recognizes_lists(string input, string[] expected)
    {
        var found = ChoiceRecognizer.RecognizeMany(input, Organizations);

        Assert.Equal(expected, found?.Select(f => f.Value));
    }

    [Theory]
    [InlineData("1, 7")]
    [InlineData("startup and bananas")]
    [InlineData("")]
    public void A_list_with_any_unknown_part_is_rejected_whole(string input)
    {
        Assert.Null(ChoiceRecognizer.RecognizeMany(input, Organizations));
    }

    [Theory]
    [InlineData("  Proof-of-Concept   PROTOTYPE!! ", "proof of concept prototype")]
    [InlineData("Ça marche, über-gut", "ca marche, uber gut")]
    [InlineData("...", "")]
    public void Normalizing_folds_case_accents_punctuation_and_spacing(string text, string expected)
    {
        Assert.Equal(expected, ChoiceRecognizer.Normalize(text));
    }

    [Fact]
    public void Texts_longer_than_a_stack_buffer_are_normalized_and_matched_the_same_way()
    {
        var padding = string.Concat(Enumerable.Repeat("Really - ", 60));
        var longTitle = padding + "Design frozen";
        IReadOnlyList<Choice> choices = [new("Long", longTitle), new("Short", "Concept")];

        Assert.Equal(string.Concat(Enumerable.Repeat("really ", 60)) + "design frozen", ChoiceRecognizer.Normalize(longTitle));
        Assert.Equal(new FoundChoice("Long", 0, ChoiceMatch.Exact), ChoiceRecognizer.RecognizeOne(longTitle.ToUpperInvariant() + " !", choices));
        Assert.Equal(new FoundChoice("Short", 1, ChoiceMatch.Exact), ChoiceRecognizer.RecognizeOne("concept", choices));
        Assert.Equal("Concept", ChoiceRecognizer.RecognizeOne(padding + " we only have a concept", Maturity)?.Value);
    }
}
