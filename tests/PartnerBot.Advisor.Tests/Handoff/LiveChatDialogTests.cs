using System.Text.Json.Nodes;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Handoff;

/// <summary>
/// A prospect asks for a person, on the test kit with a scripted desk: consent first, then the request; while the chat
/// lasts the advisor only passes messages on (help, questions and commands included) and "end chat" ends it; once it
/// ended the advisor carries on where it was. With nobody to ask, the details for an expert, as before.
/// </summary>
public sealed class LiveChatDialogTests
{
    private static readonly string[] ToTheSecondQuestion = ["hi", "yes", "startup"];

    [Fact]
    public async Task Asked_mid_assessment_the_chat_passes_everything_on_until_it_ends_then_the_question_is_asked_again()
    {
        var desk = new ScriptedDesk();
        await AdvisorFlow.Create(desk: desk)
            .SendAll(ToTheSecondQuestion).AssertReplies(replies => new Replies(replies).Expect("Question 2 of"))
            .Send("can I talk to someone now?").Said(r => r.Expect("I'm asking our team").Expect("within 3 minutes").Expect("leave your name and e-mail"))
            .Send("hello, anyone there?").AssertNoReply()
            .Send("help").AssertNoReply()
            .Send("what is design transfer?").AssertNoReply()
            .Send("start over").AssertNoReply()
            .Then(() => desk.Phase = LiveChatPhase.Ended, "the colleague ends the chat")
            .Send("thanks, bye").Said(r => r.Expect(LiveChatMessages.BackDuringAssessment).Expect("Question 2 of"))
            .StartTestAsync();

        Assert.Single(desk.Requests);
        Assert.Equal(["hello, anyone there?", "help", "what is design transfer?", "start over"], desk.Forwarded);
        Assert.Equal(0, desk.Ended);
    }

    [Fact]
    public async Task The_first_message_after_the_colleague_ended_the_chat_answers_the_waiting_question()
    {
        var desk = new ScriptedDesk();
        await AdvisorFlow.Create(desk: desk)
            .SendAll(ToTheSecondQuestion).AssertReplies(_ => { })
            .Send("human please").AssertReplies(_ => { })
            .Then(() => desk.Phase = LiveChatPhase.Ended, "the colleague ends the chat")
            .Send("idea").Said(r => r.Expect(LiveChatMessages.BackDuringAssessment).Expect("Question 3 of"))
            .StartTestAsync();

        Assert.Empty(desk.Forwarded);
    }

    [Fact]
    public async Task A_prospect_who_declined_consent_is_asked_again_and_declining_asks_nobody()
    {
        var desk = new ScriptedDesk();
        await AdvisorFlow.Create(desk: desk)
            .SendAll(["hi", "no", "startup"]).AssertReplies(_ => { })
            .Send("human please").Said(r => r.Expect(LiveChatMessages.ConsentQuestion))
            .Send("no thanks").Said(r => r.Expect(LiveChatMessages.ConsentDeclined).Expect("Question 2 of"))
            .StartTestAsync();

        Assert.Empty(desk.Requests);
    }

    [Fact]
    public async Task Saying_yes_to_consent_asks_the_team_and_keeps_the_consent()
    {
        var desk = new ScriptedDesk();
        var flow = AdvisorFlow.Create(desk: desk);
        await flow
            .SendAll(["hi", "no", "startup"]).AssertReplies(_ => { })
            .Send("human please").Said(r => r.Expect(LiveChatMessages.ConsentQuestion))
            .Send("yes").Said(r => r.Expect("I'm asking our team"))
            .StartTestAsync();

        Assert.Single(desk.Requests);
        Assert.Contains("\"consentGiven\":true", await StateAsync(flow), StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_chat_ends_it_for_both_sides_and_the_advisor_answers_again()
    {
        var desk = new ScriptedDesk();
        await AdvisorFlow.Create(desk: desk)
            .SendAll(ToTheSecondQuestion).AssertReplies(_ => { })
            .Send("talk to a human").Said(r => r.Expect("I'm asking our team"))
            .Then(() => desk.Phase = LiveChatPhase.Joined, "a colleague joins")
            .Send("End the chat").Said(r => r.Expect(LiveChatMessages.EndedByYou).Expect("Question 2 of"))
            .Send("idea").Said(r => r.Expect("Question 3 of"))
            .StartTestAsync();

        Assert.Equal(1, desk.Ended);
        Assert.Empty(desk.Forwarded);
    }

    [Fact]
    public async Task A_message_that_did_not_reach_the_team_is_said_so()
    {
        var desk = new ScriptedDesk { Delivers = false };
        await AdvisorFlow.Create(desk: desk)
            .SendAll(ToTheSecondQuestion).AssertReplies(_ => { })
            .Send("live chat").AssertReplies(_ => { })
            .Send("are you there?").Said(r => r.Expect(LiveChatMessages.NotDelivered))
            .StartTestAsync();
    }

    [Fact]
    public async Task Outside_hours_the_prospect_is_told_why_and_gets_the_contact_form()
    {
        var desk = new ScriptedDesk { Offer = new LiveChatOffer(false, "Our team chats live Monday to Friday 09:00–17:00 (UTC time), so nobody can join right now.", TimeSpan.FromMinutes(3)) };
        await AdvisorFlow.Create(desk: desk)
            .SendAll(ToTheSecondQuestion).AssertReplies(_ => { })
            .Send("can I speak to a person?").Said(r => r.Expect("Monday to Friday 09:00–17:00").Expect("Please fill in the form"))
            // The form is optional: saying no keeps the assessment where it was.
            .Send("no thanks").Said(r => r.Expect(PartnerBot.Advisor.Dialogs.AdvisorMessages.ContactFormDeclined).Expect("Question 2 of"))
            .Send("idea").Said(r => r.Expect("Question 3 of"))
            .StartTestAsync();

        Assert.Empty(desk.Requests);
    }

    [Fact]
    public async Task When_nobody_came_the_next_message_brings_the_form_and_no_thanks_declines_it()
    {
        var desk = new ScriptedDesk();
        await AdvisorFlow.Create(desk: desk)
            .SendAll(ToTheSecondQuestion).AssertReplies(_ => { })
            .Send("human please").AssertReplies(_ => { })
            .Then(() => desk.Phase = LiveChatPhase.NobodyCame, "the wait runs out")
            .Send("ok").Said(r => r.Expect("Please fill in the form"))
            .StartTestAsync();

        await AdvisorFlow.Create(desk: desk = new ScriptedDesk())
            .SendAll(ToTheSecondQuestion).AssertReplies(_ => { })
            .Send("human please").AssertReplies(_ => { })
            .Then(() => desk.Phase = LiveChatPhase.NobodyCame, "the wait runs out")
            .Send("no thanks").Said(r => r.Expect(LiveChatMessages.NoThanks).Expect("Question 2 of"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Details_given_while_waiting_are_kept_and_the_team_is_told()
    {
        var desk = new ScriptedDesk();
        var submit = new Activity
        {
            Type = ActivityTypes.Message,
            Value = new JsonObject { ["contactForm"] = true, ["name"] = "Vera Prospect", ["email"] = "vera@acme.example", ["company"] = "Acme Medical", ["contactTime"] = "any" },
        };
        var flow = AdvisorFlow.Create(desk: desk);
        await flow
            .SendAll(ToTheSecondQuestion).AssertReplies(_ => { })
            .Send("human please").AssertReplies(_ => { })
            .Send(submit).Said(r => r.Expect("Thanks, Vera Prospect: our colleague can see your details now."))
            .StartTestAsync();

        Assert.Equal(1, desk.DetailsChanged);
        Assert.Empty(desk.Forwarded);
        Assert.Contains("vera@acme.example", await StateAsync(flow), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Talk_to_an_expert_after_the_recommendation_goes_live_and_comes_back_to_the_next_steps()
    {
        var desk = new ScriptedDesk();
        await AdvisorFlow.Create(desk: desk)
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(replies => RecommendationView.From(new Replies(replies)))
            .Send("Talk to an expert").Said(r => r.Expect("I'm asking our team"))
            .Then(() => desk.Phase = LiveChatPhase.Ended, "the colleague ends the chat")
            .Send("thanks").Said(r => r.Expect(LiveChatMessages.BackAfterRecommendation).Expect("What would you like to do next?"))
            .Send("Start over").Said(r => r.Expect("May we keep this conversation"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Without_a_desk_talk_to_an_expert_is_the_contact_form_as_before()
    {
        await AdvisorFlow.Create()
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(_ => { })
            .Send("Talk to an expert").Said(r => r.Expect("Please fill in the form").ExpectNot("asking our team"))
            .StartTestAsync();
    }

    private static async Task<string> StateAsync(PartnerBot.BotFramework.Testing.TestFlow flow) =>
        (await flow.Storage.ReadAsync(flow.Storage.Keys.Single(), default))!.Json;
}
