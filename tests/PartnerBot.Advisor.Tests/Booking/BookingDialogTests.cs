using System.Text.Json.Nodes;
using PartnerBot.Advisor.Booking;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Handoff;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Booking;

/// <summary>
/// A prospect books a call on the test kit with a scripted calendar: after the recommendation, typed or clicked; with
/// the name and e-mail first (the invitation goes there); times in their own zone; a time taken meanwhile refused with
/// fresh times; cancelling; the booking page when there is no calendar; and e-mail when the calendar does not answer.
/// </summary>
public sealed class BookingDialogTests
{
    // Monday 7 December 2026, 08:00 UTC; Berlin is UTC+1 in winter.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly MeetingSlot TuesdayAfternoon = Slot(new DateTimeOffset(2026, 12, 8, 14, 0, 0, TimeSpan.Zero));
    private static readonly MeetingSlot TuesdayLate = Slot(new DateTimeOffset(2026, 12, 8, 16, 0, 0, TimeSpan.Zero));
    private static readonly MeetingSlot WednesdayMorning = Slot(new DateTimeOffset(2026, 12, 9, 10, 0, 0, TimeSpan.Zero));

    private static readonly string[] ToTheSecondQuestion = ["hi", "yes", "startup"];

    [Fact]
    public async Task After_the_recommendation_a_typed_day_and_time_books_that_call_in_the_prospects_own_time_zone()
    {
        var calendar = Calendar();
        await Flow(calendar)
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(replies => new Replies(replies).Expect("Book a call"))
            .Send(Berlin("can I book a call?")).Said(r => r.Expect(MeetingMessages.NeedDetails).Expect("Please fill in the form"))
            .Send(Form()).Said(r => r
                .Expect("Thank you, Vera Prospect")
                .Expect("Europe/Berlin time")
                // 14:00 UTC is 15:00 in Berlin in December.
                .Expect("Tue 8 Dec, 15:00").Expect("Tue 8 Dec, 17:00").Expect("Wed 9 Dec, 11:00").Expect("Later"))
            .Send(Berlin("Wednesday at 11")).Said(r => r
                .Expect("Wednesday 9 December, 11:00–11:30 (Europe/Berlin time)")
                .Expect("vera@acme.example")
                .Expect("Join in Microsoft Teams"))
            .StartTestAsync();

        var (slot, attendee) = Assert.Single(calendar.Booked);
        Assert.Equal(WednesdayMorning, slot);
        Assert.Equal("vera@acme.example", attendee.Email);
    }

    [Fact]
    public async Task The_card_button_and_a_number_pick_a_time_and_an_unclear_answer_is_asked_again_without_guessing()
    {
        var calendar = Calendar();
        await Flow(calendar)
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(_ => { })
            .Send(new Activity { Type = ActivityTypes.Message, LocalTimezone = "Europe/Berlin", Value = new JsonObject { ["choice"] = "book" } })
            .AssertReplies(_ => { })
            .Send(Form()).AssertReplies(_ => { })
            .Send("sometime soon").Said(r => r.Expect("I couldn't tell which time you mean"))
            // Two of the times are on Tuesday: the day alone does not say which.
            .Send("tuesday").Said(r => r.Expect("I couldn't tell which time you mean"))
            .Send("2").Said(r => r.Expect("Tuesday 8 December, 17:00–17:30"))
            .StartTestAsync();

        Assert.Equal(TuesdayLate, Assert.Single(calendar.Booked).Slot);
    }

    [Fact]
    public async Task A_time_taken_meanwhile_is_refused_and_the_times_still_free_are_offered()
    {
        var calendar = Calendar();
        await Flow(calendar)
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(_ => { })
            .Send(Berlin("book a meeting")).AssertReplies(_ => { })
            .Send(Form()).Said(r => r.Expect("Tue 8 Dec, 15:00"))
            .Then(() => calendar.Taken.Add(TuesdayAfternoon.Start), "someone else books Tuesday 14:00 UTC")
            .Send(Berlin("Tuesday at 3pm")).Said(r => r.Expect(MeetingMessages.Taken).ExpectNot("Tue 8 Dec, 15:00").Expect("Tue 8 Dec, 17:00"))
            .Send(Berlin("1")).Said(r => r.Expect("Tuesday 8 December, 17:00–17:30"))
            .StartTestAsync();

        Assert.Equal(TuesdayLate, Assert.Single(calendar.Booked).Slot);
    }

    [Fact]
    public async Task A_booked_call_is_cancelled_after_asking_and_then_there_is_nothing_left_to_cancel()
    {
        var calendar = Calendar();
        await Flow(calendar)
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(_ => { })
            .Send(Berlin("schedule a call")).AssertReplies(_ => { })
            .Send(Form()).AssertReplies(_ => { })
            .Send("1").Said(r => r.Expect("Booked"))
            .Send("book a call").Said(r => r.Expect("You already have a call booked for Tuesday 8 December, 15:00"))
            .Send("cancel my meeting").Said(r => r.Expect("Cancel your call on Tuesday 8 December, 15:00–15:30 (Europe/Berlin time)?"))
            .Send("no").Said(r => r.Expect(MeetingMessages.KeptMeeting))
            .Send(new Activity { Type = ActivityTypes.Message, Value = new JsonObject { ["choice"] = MeetingRequest.CancelCommand } }).Said(r => r.Expect("Cancel your call"))
            .Send("yes").Said(r => r.Expect(MeetingMessages.Cancelled))
            .Send("cancel the meeting").Said(r => r.Expect(MeetingMessages.NothingToCancel))
            .StartTestAsync();

        Assert.Equal(TuesdayAfternoon.Start, Assert.Single(calendar.Cancelled).Start);
    }

    [Fact]
    public async Task Without_a_calendar_the_booking_page_is_offered_as_a_button()
    {
        var calendar = new ScriptedCalendar { HasCalendar = false, BookingLink = new Uri("https://outlook.office.com/book/Experts@contoso.example/") };
        await Flow(calendar)
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(_ => { })
            .Send("book a call").AssertReplies(replies =>
            {
                var card = new Replies(replies).Expect(MeetingMessages.LinkIntro).LastCard!;
                var action = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
                Assert.Equal("https://outlook.office.com/book/Experts@contoso.example/", action["url"]!.GetValue<string>());
            })
            .StartTestAsync();

        Assert.Empty(calendar.Booked);
    }

    [Fact]
    public async Task Without_a_calendar_or_a_booking_page_the_recommendation_offers_no_booking()
    {
        await AdvisorFlow.Create(clock: new FixedClock(Now))
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(replies => new Replies(replies).ExpectNot("Book a call"))
            .StartTestAsync();
    }

    [Fact]
    public async Task When_the_calendar_does_not_answer_the_prospect_hears_an_expert_will_write_and_gets_the_booking_page()
    {
        var calendar = Calendar();
        calendar.Reachable = false;
        calendar.BookingLink = new Uri("https://outlook.office.com/book/Experts@contoso.example/");
        await Flow(calendar)
            .SendAll(AdvisorPersonas.Scripts[0].Answers).AssertReplies(_ => { })
            .Send("book a call").AssertReplies(_ => { })
            .Send(Form()).Said(r => r.Expect(MeetingMessages.Unreachable).Expect(MeetingMessages.LinkButton))
            .StartTestAsync();
    }

    [Fact]
    public async Task When_nobody_can_chat_live_the_prospect_leaves_details_and_can_pick_a_time_or_later()
    {
        var desk = new ScriptedDesk { Offer = new LiveChatOffer(false, "Our team chats live Monday to Friday 09:00–17:00 (UTC time), so nobody can join right now.", TimeSpan.FromMinutes(3)) };
        var calendar = Calendar();
        await AdvisorFlow.Create(clock: new FixedClock(Now), desk: desk, calendar: calendar)
            .SendAll(ToTheSecondQuestion).AssertReplies(_ => { })
            .Send("can I speak to a person?").Said(r => r.Expect("Monday to Friday 09:00–17:00").Expect("Please fill in the form"))
            // Neither the prospect's zone nor an offset is known here: the calendar's own zone (UTC) is used.
            .Send(Form(zone: null)).Said(r => r.Expect("Thank you, Vera Prospect").Expect("in UTC time").Expect("Tue 8 Dec, 14:00"))
            .Send("later").Said(r => r.Expect(MeetingMessages.LaterAnswer).Expect("Question 2 of"))
            .StartTestAsync();

        Assert.Empty(calendar.Booked);
    }

    private static ScriptedCalendar Calendar()
    {
        var calendar = new ScriptedCalendar();
        calendar.Free.AddRange([TuesdayAfternoon, TuesdayLate, WednesdayMorning]);
        return calendar;
    }

    private static PartnerBot.BotFramework.Testing.TestFlow Flow(ScriptedCalendar calendar) => AdvisorFlow.Create(clock: new FixedClock(Now), calendar: calendar);

    private static MeetingSlot Slot(DateTimeOffset start) => new(start, start.AddMinutes(30));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static Activity Berlin(string text) => new() { Type = ActivityTypes.Message, Text = text, LocalTimezone = "Europe/Berlin" };

    private static Activity Form(string? zone = "Europe/Berlin") => new()
    {
        Type = ActivityTypes.Message,
        LocalTimezone = zone,
        Value = new JsonObject { ["contactForm"] = true, ["name"] = "Vera Prospect", ["email"] = "vera@acme.example", ["company"] = "Acme Medical", ["contactTime"] = "any" },
    };
}
