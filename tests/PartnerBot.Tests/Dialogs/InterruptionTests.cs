using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Dialogs;

/// <summary>Help, back, start over and cancel work at any question, before the question sees the text.</summary>
public sealed class InterruptionTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<TestChat> AtMaturityQuestionAsync()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        (await chat.SendAsync("startup")).Expect("Question 2 of ");
        return chat;
    }

    [Fact]
    public async Task Help_explains_the_current_question_and_its_options_then_asks_it_again()
    {
        var chat = await AtMaturityQuestionAsync();

        var replies = await chat.SendAsync("help");

        replies.Expect("\"Design frozen\" means").Expect("1. Idea or concept only").Expect("\"back\", \"start over\" or \"cancel\"");
        // One button for each of the nine maturity states, "not sure" included.
        Assert.Equal(9, replies.SuggestedActionTitles.Count);
        (await chat.SendAsync("concept")).Expect("Question 3 of ");
    }

    [Fact]
    public async Task Back_re_asks_the_previous_question_and_takes_a_new_answer()
    {
        var chat = await AtMaturityQuestionAsync();

        (await chat.SendAsync("back")).Expect("Question 1 of ");
        (await chat.SendAsync("enterprise")).Expect("Question 2 of ");
        (await chat.SendAsync("go back")).Expect("Question 1 of ");
    }

    [Fact]
    public async Task Back_at_the_first_question_says_so_and_stays()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");

        (await chat.SendAsync("back")).Expect("first question").Expect("May we keep this conversation");
    }

    [Fact]
    public async Task Start_over_restarts_the_assessment_from_the_welcome()
    {
        var chat = await AtMaturityQuestionAsync();

        (await chat.SendAsync("start over")).Expect("start over").Expect("May we keep this conversation");
        (await chat.SendAsync("yes")).Expect("Question 1 of ");
    }

    [Fact]
    public async Task Cancel_stops_and_the_next_message_starts_again()
    {
        var chat = await AtMaturityQuestionAsync();

        (await chat.SendAsync("cancel")).Expect("I've stopped").ExpectNot("Question");
        (await chat.SendAsync("hello")).Expect("May we keep this conversation");
    }

    [Fact]
    public async Task A_card_button_can_send_an_interruption_command()
    {
        var chat = await AtMaturityQuestionAsync();

        (await chat.SubmitAsync(new { command = "back" })).Expect("Question 1 of ");
    }

    [Fact]
    public async Task Words_inside_a_longer_answer_are_not_commands()
    {
        var chat = await AtMaturityQuestionAsync();

        (await chat.SendAsync("we need help with everything, it's just an idea")).ExpectNot("\"start over\"").Expect("Question 3 of ");
    }
}
