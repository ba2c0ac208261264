using PartnerBot.Advisor.Booking;

namespace PartnerBot.Tests.Booking;

public sealed class MeetingRequestTests
{
    [Theory]
    [InlineData("book a meeting")]
    [InlineData("Can I book a call?")]
    [InlineData("I'd like to schedule a call with an expert")]
    [InlineData("please set up a meeting")]
    [InlineData("how do I book an appointment")]
    [InlineData("pick a time")]
    public void A_request_to_book_is_recognized(string text) => Assert.True(MeetingRequest.IsBooking(text));

    [Theory]
    [InlineData("we book our meetings in Outlook")]
    [InlineData("a call with the notified body went well last week")]
    [InlineData("time to market")]
    [InlineData("meeting the deadline")]
    public void An_answer_that_mentions_meetings_is_not_a_request(string text) => Assert.False(MeetingRequest.IsBooking(text));

    [Theory]
    [InlineData("cancel my meeting")]
    [InlineData("Please cancel the call")]
    [InlineData("can you cancel the appointment I booked?")]
    [InlineData("cancelMeeting")]
    public void A_request_to_cancel_is_recognized(string text) => Assert.True(MeetingRequest.IsCancel(text));

    [Theory]
    [InlineData("cancel")]
    [InlineData("the project was cancelled")]
    public void Cancel_alone_is_not_cancelling_the_call(string text) => Assert.False(MeetingRequest.IsCancel(text));
}
