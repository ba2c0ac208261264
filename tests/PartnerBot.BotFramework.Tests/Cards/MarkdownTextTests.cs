using PartnerBot.BotFramework.Cards;

namespace PartnerBot.Tests.Cards;

/// <summary>A prospect's words put into rendered markdown read as written, checked with the same processor Web Chat uses.</summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("**Eve**", "\\*\\*Eve\\*\\*")]
    [InlineData("[site](https://phish.example)", "\\[site\\](https://phish.example)")]
    [InlineData("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>")]
    [InlineData("- not a list", "\\- not a list")]
    [InlineData("1. not a list", "1\\. not a list")]
    [InlineData("1.5 t a year", "1.5 t a year")]
    [InlineData("Eve\r# heading", "Eve\r\\# heading")]
    // One escaped "=" is enough: a line that is not all "=" underlines nothing.
    [InlineData("Eve\n===", "Eve\n\\===")]
    [InlineData("AT&amp;T", "AT\\&amp;T")]
    [InlineData("# not a heading", "\\# not a heading")]
    [InlineData("ada@acme-medical.com", "ada@acme-medical.com")]
    [InlineData("Ada (CEO), Acme-Med", "Ada (CEO), Acme-Med")]
    public void Markdown_characters_are_escaped_and_ordinary_punctuation_is_not(string written, string escaped) =>
        Assert.Equal(escaped, MarkdownText.Escape(written));

    [Theory]
    [InlineData("- Eve", "- Eve")]
    [InlineData("=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")")]
    [InlineData("**Eve**", "\\*\\*Eve\\*\\*")]
    public void In_the_middle_of_a_line_only_inline_markdown_is_escaped(string written, string escaped) =>
        Assert.Equal(escaped, MarkdownText.Escape(written, atLineStart: false));
}
