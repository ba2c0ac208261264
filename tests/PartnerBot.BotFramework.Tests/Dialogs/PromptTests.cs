using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Dialogs;

/// <summary>Each prompt type, driven through a one-question waterfall whose result the test reads back.</summary>
public sealed class PromptTests
{
    private sealed class Answer
    {
        public string? Value { get; set; }
    }

    private static DialogHarness OneQuestion(Func<CardLibrary, Dialog> prompt, PromptOptions options, Func<object?, string> describe) =>
        new(cards => new DialogSet()
            .Add(prompt(cards))
            .Add(new WaterfallDialog<Answer>("root",
            [
                (step, ct) => step.PromptAsync("prompt", options, ct),
                async (step, ct) =>
                {
                    step.Values.Value = describe(step.Result);
                    await step.Turn.SendActivityAsync("ANSWER=" + step.Values.Value, ct);
                    return await step.EndAsync(step.Values, ct);
                },
            ])), "root");

    private static PromptOptions Ask(string text, List<Choice>? choices = null) => new()
    {
        Prompt = Activity.CreateMessage(text),
        Choices = choices,
        Help = "Explaining the question.",
    };

    private static readonly List<Choice> Colours = [new("red", "Red"), new("green", "Green", ["lime"]), new("blue", "Blue")];

    [Theory]
    [InlineData("hello world", "hello world")]
    [InlineData("  padded  ", "padded")]
    public async Task Text_prompt_returns_the_trimmed_text(string input, string expected)
    {
        var harness = OneQuestion(_ => new TextPrompt("prompt"), Ask("Say something"), r => (string)r!);
        (await harness.SendAsync("start")).Expect("Say something");

        (await harness.SendAsync(input)).Expect("ANSWER=" + expected);
    }

    [Fact]
    public async Task Text_prompt_validator_message_is_the_re_prompt()
    {
        var harness = OneQuestion(
            _ => new TextPrompt("prompt", (value, _, _) => Task.FromResult(value.Length < 3 ? "At least three letters, please." : null)),
            Ask("Your company?"), r => (string)r!);
        await harness.SendAsync("start");

        (await harness.SendAsync("ab")).Expect("At least three letters, please.").Expect("Your company?");
        (await harness.SendAsync("Acme")).Expect("ANSWER=Acme");
    }

    [Theory]
    [InlineData("jo@acme.com", "jo@acme.com")]
    [InlineData("sure, it's jo.smith+bot@med-devices.co.uk thanks", "jo.smith+bot@med-devices.co.uk")]
    public async Task Email_prompt_finds_the_address(string input, string expected)
    {
        var harness = OneQuestion(_ => new EmailPrompt("prompt"), Ask("Your e-mail?"), r => (string)r!);
        await harness.SendAsync("start");

        (await harness.SendAsync(input)).Expect("ANSWER=" + expected);
    }

    [Theory]
    [InlineData("jo at acme dot com")]
    [InlineData("jo@acme")]
    [InlineData("@acme.com")]
    public async Task Email_prompt_re_prompts_with_the_expected_format(string input)
    {
        var harness = OneQuestion(_ => new EmailPrompt("prompt"), Ask("Your e-mail?"), r => (string)r!);
        await harness.SendAsync("start");

        (await harness.SendAsync(input)).Expect("name@company.com").ExpectNot("ANSWER=");
    }

    [Theory]
    [InlineData("+41 44 123 45 67", true)]
    [InlineData("(555) 123-4567", true)]
    [InlineData("call me", false)]
    [InlineData("123", false)]
    [InlineData("+1 555 123 4567 8901 2345", false)]
    public async Task Phone_prompt_accepts_plausible_numbers_only(string input, bool accepted)
    {
        var harness = OneQuestion(_ => new PhonePrompt("prompt"), Ask("Your phone?"), r => (string)r!);
        await harness.SendAsync("start");

        var replies = await harness.SendAsync(input);

        if (accepted) replies.Expect("ANSWER=" + input);
        else replies.Expect("doesn't look like a phone number").ExpectNot("ANSWER=");
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yeah!", true)]
    [InlineData("ok", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("No thanks", false)]
    [InlineData("nope", false)]
    [InlineData("2", false)]
    [InlineData("the second one", false)]
    public async Task Confirm_prompt_recognition_table(string input, bool expected)
    {
        var harness = OneQuestion(c => new ConfirmPrompt("prompt", c), Ask("Agree?"), r => r!.ToString()!);
        (await harness.SendAsync("start")).Expect("Agree?");

        (await harness.SendAsync(input)).Expect("ANSWER=" + expected);
    }

    [Fact]
    public async Task Confirm_prompt_accepts_a_card_submit_with_no_text()
    {
        var harness = OneQuestion(c => new ConfirmPrompt("prompt", c), Ask("Agree?"), r => r!.ToString()!);
        await harness.SendAsync("start");
        var submit = harness.Message(null);
        submit.Value = new JsonObject { ["choice"] = "no" };

        (await harness.SendAsync(submit)).Expect("ANSWER=False");
    }

    [Theory]
    [InlineData("Green", "green")]
    [InlineData("lime", "green")]
    [InlineData("3", "blue")]
    [InlineData("the first", "red")]
    [InlineData("blu", "blue")]
    public async Task Choice_prompt_recognition_table(string input, string expected)
    {
        var harness = OneQuestion(c => new ChoicePrompt("prompt", c), Ask("Colour?", Colours), r => ((FoundChoice)r!).Value);
        await harness.SendAsync("start");

        (await harness.SendAsync(input)).Expect("ANSWER=" + expected);
    }

    [Fact]
    public async Task Choice_prompt_accepts_a_card_submit_and_rejects_a_stale_one()
    {
        var harness = OneQuestion(c => new ChoicePrompt("prompt", c), Ask("Colour?", Colours), r => ((FoundChoice)r!).Value);
        await harness.SendAsync("start");
        var stale = harness.Message(null);
        stale.Value = new JsonObject { ["choice"] = "purple" };
        var fresh = harness.Message(null);
        fresh.Value = new JsonObject { ["choice"] = "blue" };

        (await harness.SendAsync(stale)).Expect("earlier question").ExpectNot("ANSWER=");
        (await harness.SendAsync(fresh)).Expect("ANSWER=blue");
    }

    [Fact]
    public async Task Unrecognized_answers_re_prompt_with_the_options_then_offer_help_instead_of_looping()
    {
        var harness = OneQuestion(c => new ChoicePrompt("prompt", c), Ask("Colour?", Colours), r => ((FoundChoice)r!).Value);
        await harness.SendAsync("start");

        (await harness.SendAsync("banana")).Expect("1. Red, 2. Green, 3. Blue").Expect("Colour?");
        (await harness.SendAsync("banana")).Expect("1. Red, 2. Green, 3. Blue");
        var third = await harness.SendAsync("banana");

        third.Expect("Explaining the question.").Expect("\"start over\"").Expect("Colour?");
        (await harness.SendAsync("red")).Expect("ANSWER=red");
    }

    [Fact]
    public async Task Choices_are_suggested_actions_on_web_chat_and_card_buttons_in_a_teams_channel()
    {
        var harness = OneQuestion(c => new ChoicePrompt("prompt", c), Ask("Colour?", Colours), r => ((FoundChoice)r!).Value);

        var web = await harness.SendAsync(harness.Message("start", channelId: "webchat"));
        Assert.Equal(["Red", "Green", "Blue"], web.SuggestedActionTitles);
        Assert.Null(web.Last.Attachments);

        var teams = OneQuestion(c => new ChoicePrompt("prompt", c), Ask("Colour?", Colours), r => ((FoundChoice)r!).Value);
        var channel = await teams.SendAsync(teams.Message("start", channelId: "msteams", conversationType: "channel"));
        Assert.Null(channel.Last.SuggestedActions);
        var card = channel.LastCard!;
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var buttons = card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").SelectMany(set => set!["actions"]!.AsArray()).ToList();
        Assert.Equal(["Red", "Green", "Blue"], buttons.Select(b => b!["title"]!.GetValue<string>()));
        Assert.Equal("green", buttons[1]!["data"]!["choice"]!.GetValue<string>());

        var six = OneQuestion(c => new ChoicePrompt("prompt", c), Ask("Colour?", [.. Colours, new("black", "Black"), new("white", "White"), new("grey", "Grey")]), r => ((FoundChoice)r!).Value);
        var rows = (await six.SendAsync(six.Message("start", channelId: "msteams", conversationType: "channel"))).LastCard!["body"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "ActionSet").Select(set => set!["actions"]!.AsArray().Count).ToList();
        Assert.Equal([3, 3], rows);
        Assert.Equal("Colour?", channel.Last.Summary);
    }

    [Fact]
    public async Task Teams_personal_chat_uses_suggested_actions_only_up_to_three_choices()
    {
        var three = OneQuestion(c => new ChoicePrompt("prompt", c), Ask("Colour?", Colours), r => ((FoundChoice)r!).Value);
        Assert.Equal(3, (await three.SendAsync(three.Message("start", channelId: "msteams", conversationType: "personal"))).SuggestedActionTitles.Count);

        var four = OneQuestion(c => new ChoicePrompt("prompt", c), Ask("Colour?", [.. Colours, new("black", "Black")]), r => ((FoundChoice)r!).Value);
        var replies = await four.SendAsync(four.Message("start", channelId: "msteams", conversationType: "personal"));
        Assert.Empty(replies.SuggestedActionTitles);
        Assert.NotNull(replies.LastCard);
    }

    [Theory]
    [InlineData("1, 3", "red,blue")]
    [InlineData("green and red", "red,green")]
    [InlineData("none", "none")]
    [InlineData("all", "red,green,blue")]
    public async Task Multi_choice_prompt_recognizes_typed_lists(string input, string expected)
    {
        var harness = OneQuestion(c => new MultiChoicePrompt("prompt", c), Ask("Colours?", [.. Colours, new("none", "None of these")]),
            r => string.Join(",", ((IReadOnlyList<FoundChoice>)r!).Select(f => f.Value)));
        await harness.SendAsync("start");

        (await harness.SendAsync(input)).Expect("ANSWER=" + expected);
    }

    [Fact]
    public async Task Multi_choice_prompt_reads_the_card_input_and_refuses_none_with_others()
    {
        var harness = OneQuestion(c => new MultiChoicePrompt("prompt", c), Ask("Colours?", [.. Colours, new("none", "None of these")]),
            r => string.Join(",", ((IReadOnlyList<FoundChoice>)r!).Select(f => f.Value)));
        var question = await harness.SendAsync("start");
        var input = question.LastCard!["body"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "Input.ChoiceSet")!;
        Assert.True(input["isMultiSelect"]!.GetValue<bool>());

        (await harness.SendAsync("red and none")).Expect("can't be combined").ExpectNot("ANSWER=");
        var submit = harness.Message(null);
        submit.Value = new JsonObject { ["choices"] = "blue,red" };
        (await harness.SendAsync(submit)).Expect("ANSWER=blue,red");
    }
}
