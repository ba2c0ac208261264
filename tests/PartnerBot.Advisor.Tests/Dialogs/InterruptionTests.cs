using System.Text.Json;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Testing;
using PartnerBot.Tests.Advisor;

namespace PartnerBot.Tests.Dialogs;

/// <summary>Help, back, start over and cancel work at any question, before the question sees the text.</summary>
public sealed class InterruptionTests
{
    private static TestFlow AtMaturityQuestion() =>
        AdvisorFlow.Create().SendAll(["hi", "yes", "startup"]).Said(r => r.Expect("Question 2 of "));

    [Fact]
    public async Task Help_explains_the_current_question_and_its_options_then_asks_it_again()
    {
        await AtMaturityQuestion()
            .Send("help").Said(replies =>
            {
                replies.Expect("\"Design frozen\" means").Expect("1. Idea or concept only").Expect("\"back\", \"start over\" or \"cancel\"");
                // One button for each of the nine maturity states, "not sure" included.
                Assert.Equal(9, replies.SuggestedActionTitles.Count);
            })
            .Send("concept").Said(r => r.Expect("Question 3 of "))
            .StartTestAsync();
    }

    [Fact]
    public async Task Back_re_asks_the_previous_question_and_takes_a_new_answer()
    {
        await AtMaturityQuestion()
            .Send("back").Said(r => r.Expect("Question 1 of "))
            .Send("enterprise").Said(r => r.Expect("Question 2 of "))
            .Send("go back").Said(r => r.Expect("Question 1 of "))
            .StartTestAsync();
    }

    [Fact]
    public async Task Back_at_the_first_question_says_so_and_stays()
    {
        await AdvisorFlow.Create()
            .Send("hi").Said(r => r.Expect("May we keep this conversation"))
            .Send("back").Said(r => r.Expect("first question").Expect("May we keep this conversation"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Start_over_restarts_the_assessment_from_the_welcome()
    {
        await AtMaturityQuestion()
            .Send("start over").Said(r => r.Expect("start over").Expect("May we keep this conversation"))
            .Send("yes").Said(r => r.Expect("Question 1 of "))
            .StartTestAsync();
    }

    [Fact]
    public async Task Cancel_stops_and_the_next_message_starts_again()
    {
        await AtMaturityQuestion()
            .Send("cancel").Said(r => r.Expect("I've stopped").ExpectNot("Question"))
            .Send("hello").Said(r => r.Expect("May we keep this conversation"))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_card_button_can_send_an_interruption_command()
    {
        await AtMaturityQuestion()
            .Send(new Activity { Type = ActivityTypes.Message, Value = JsonSerializer.SerializeToNode(new { command = "back" }) }).Said(r => r.Expect("Question 1 of "))
            .StartTestAsync();
    }

    [Fact]
    public async Task Words_inside_a_longer_answer_are_not_commands()
    {
        await AtMaturityQuestion()
            .Send("we need help with everything, it's just an idea").Said(r => r.ExpectNot("\"start over\"").Expect("Question 3 of "))
            .StartTestAsync();
    }
}
