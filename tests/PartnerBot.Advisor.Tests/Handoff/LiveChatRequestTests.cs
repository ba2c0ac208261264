using PartnerBot.Advisor.LiveChat;

namespace PartnerBot.Tests.Handoff;

/// <summary>A request for a person, in a prospect's own words, and the answers that only mention one.</summary>
public sealed class LiveChatRequestTests
{
    [Theory]
    [InlineData("can I talk to someone now?")]
    [InlineData("human please")]
    [InlineData("Human!")]
    [InlineData("I'd like to speak with an engineer")]
    [InlineData("Could we chat with one of your experts, please?")]
    [InlineData("is there a real person I can talk to?")]
    [InlineData("connect me to sales")]
    [InlineData("Talk to a human")]
    [InlineData("live chat")]
    [InlineData("agent")]
    [InlineData("I want to talk to a person right now")]
    [InlineData("hi, can i speak to someone")]
    public void A_request_for_a_person_is_recognized(string text) => Assert.True(LiveChatRequest.IsRequest(text), text);

    [Theory]
    [InlineData("one person does our regulatory work")]
    [InlineData("engineer")]
    [InlineData("our team")]
    [InlineData("we talk to our notified body every month")]
    [InlineData("not yet, I'm the only engineer")]
    [InlineData("sales")]
    [InlineData("yes")]
    [InlineData("We are a team of five engineers and would like to talk to someone about design transfer for a class II infusion pump next year")]
    [InlineData("")]
    public void An_answer_that_mentions_a_person_is_not_a_request(string text) => Assert.False(LiveChatRequest.IsRequest(text), text);

    [Theory]
    [InlineData("end chat", true)]
    [InlineData("End the chat, thanks", true)]
    [InlineData("bye", true)]
    [InlineData("please stop the live chat", true)]
    [InlineData("that's all", true)]
    [InlineData("I need to end this project by March", false)]
    [InlineData("chat", false)]
    public void Ending_is_recognized_only_when_said_as_such(string text, bool ends) => Assert.Equal(ends, LiveChatRequest.IsEnd(text));
}
