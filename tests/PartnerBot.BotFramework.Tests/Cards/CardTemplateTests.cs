using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Cards;

namespace PartnerBot.Tests.Cards;

public sealed class CardTemplateTests
{
    private static JsonNode Expand(string template, string data) => CardTemplate.Expand(JsonNode.Parse(template)!, JsonNode.Parse(data));

    [Fact]
    public void Bindings_interpolate_into_strings_and_keep_their_type_when_alone()
    {
        var card = Expand("""{"a":"Hi ${name}, ${count} items","b":"${count}","c":"${flag}","d":"${obj}"}""",
            """{"name":"Ada","count":3,"flag":true,"obj":{"x":1}}""");

        Assert.Equal("Hi Ada, 3 items", card["a"]!.GetValue<string>());
        Assert.Equal(3, card["b"]!.GetValue<double>());
        Assert.True(card["c"]!.GetValue<bool>());
        Assert.Equal(1, card["d"]!["x"]!.GetValue<double>());
    }

    [Fact]
    public void Data_repeats_an_array_element_per_item_with_index_and_root()
    {
        var card = Expand("""{"items":[{"type":"Header"},{"$data":"${rows}","text":"${$index}: ${label} of ${$root.title}"}]}""",
            """{"title":"T","rows":[{"label":"a"},{"label":"b"}]}""");

        Assert.Equal("""{"items":[{"type":"Header"},{"text":"0: a of T"},{"text":"1: b of T"}]}""", card.ToJsonString());
    }

    [Fact]
    public void When_drops_elements_whose_condition_is_false()
    {
        var card = Expand("""{"body":[{"$when":"${show}","t":"yes"},{"$when":"${!show}","t":"no"},{"$when":"${count(list) > 1 && mode == 'x'}","t":"many"}]}""",
            """{"show":false,"list":[1,2],"mode":"x"}""");

        Assert.Equal("""{"body":[{"t":"no"},{"t":"many"}]}""", card.ToJsonString());
    }

    [Fact]
    public void Data_on_an_object_changes_the_scope()
    {
        var card = Expand("""{"$data":"${person}","text":"${name}"}""", """{"person":{"name":"Bob"}}""");

        Assert.Equal("""{"text":"Bob"}""", card.ToJsonString());
    }

    [Theory]
    [InlineData("${join(tags, ', ')}", "a, b")]
    [InlineData("${if(n >= 2, 'big', 'small')}", "big")]
    [InlineData("${concat(first, '-', last)}", "x-y")]
    [InlineData("${empty(none)}", "true")]
    [InlineData("${tags[1]}", "b")]
    public void Supported_functions_and_operators(string expression, string expected)
    {
        var card = Expand($$"""{"v":"{{expression}} "}""", """{"tags":["a","b"],"n":2,"first":"x","last":"y"}""");

        Assert.Equal(expected + " ", card["v"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("${unknownFunction(x)}")]
    [InlineData("${a +}")]
    [InlineData("${'unterminated}")]
    public void Unsupported_or_broken_expressions_fail_loudly(string expression)
    {
        Assert.Throws<CardTemplateException>(() => Expand($$"""{"v":"{{expression}}"}""", "{}"));
    }

    [Fact]
    public void The_card_library_refuses_a_missing_card_and_inserts_template_syntax_in_data_verbatim()
    {
        var directory = Infrastructure.TestDirectory.Create();
        try
        {
            File.WriteAllText(Path.Combine(directory, "greeting.json"), """{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Hi ${name}"}]}""");
            var library = new CardLibrary(directory);

            Assert.Equal("Hi Ada", library.Render("greeting", new { Name = "Ada" })["body"]![0]!["text"]!.GetValue<string>());
            Assert.Throws<CardTemplateException>(() => library.Render("missing", new { }));
            Assert.Equal("Hi ${injected}", library.Render("greeting", new { Name = "${injected}" })["body"]![0]!["text"]!.GetValue<string>());
            Assert.Throws<DirectoryNotFoundException>(() => new CardLibrary(Path.Combine(directory, "nope")));
        }
        finally
        {
            Infrastructure.TestDirectory.TryDelete(directory);
        }
    }
}
