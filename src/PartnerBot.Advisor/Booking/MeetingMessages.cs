using PartnerBot.Advisor.Languages;
using PartnerBot.BotFramework.Cards;

namespace PartnerBot.Advisor.Booking;

/// <summary>What the advisor says while a prospect books a call with an expert (those with a time in them, in the turn's language).</summary>
public static class MeetingMessages
{
    public const string Later = "later";

    public static string PickATime(TimeZoneInfo zone) =>
        Texts.Say("Would you like to pick a time for a call with one of our experts? These are the next free times, in {zone} time; the call takes place in Microsoft Teams.", ("zone", MeetingTimes.ZoneName(zone)));

    public const string PickHelp =
        "Pick one of the times, type its number, or write the day and time (for example \"Tuesday at 2pm\"). Choose \"Later\" if none suits you: an expert can find a time with you by e-mail.";

    public const string LaterLabel = "Later";

    public const string LaterAnswer = "Of course. Whenever you're ready, say \"book a meeting\" and I'll show you the free times.";

    public const string Taken = "Sorry, someone booked that time a moment ago. Here are the times that are still free:";

    public const string TakenAgain = "Sorry, the times keep going quickly. An expert will contact you by e-mail to agree on a time.";

    public const string Unreachable = "I can't reach our calendar right now, so an expert will contact you by e-mail to agree on a time.";

    public const string Full = "Our calendar has no free time in the next days, so an expert will contact you by e-mail to agree on a time.";

    public const string NoCalendar = "An expert will contact you to agree on a time for a call.";

    public const string LinkIntro = "You can pick a time that suits you on our booking page:";

    public const string LinkButton = "Pick a time";

    public static string Thanks(string name) => Texts.Say("Thank you, {name}.", ("name", MarkdownText.Escape(name, atLineStart: false)));

    public const string NeedDetails = "To send you the invitation, I need your name and e-mail first.";

    public const string NothingToCancel = "You don't have a call booked with us at the moment. Say \"book a meeting\" if you'd like one.";

    public static string Booked(BookedMeeting meeting, TimeZoneInfo zone, string email) =>
        Texts.Say("Booked: your call with one of our experts is on {time}. The invitation is on its way to {email}.",
            ("time", MeetingTimes.Describe(meeting.Start, meeting.End, zone)), ("email", MarkdownText.Escape(email, atLineStart: false)));

    public static string AlreadyBooked(BookedMeeting meeting) =>
        Texts.Say("You already have a call booked for {time}. Say \"cancel the meeting\" if you'd like to cancel it.",
            ("time", MeetingTimes.Describe(meeting.Start, meeting.End, MeetingTimes.Zone(meeting.TimeZone))));

    public static string CancelQuestion(BookedMeeting meeting) =>
        Texts.Say("Cancel your call on {time}?", ("time", MeetingTimes.Describe(meeting.Start, meeting.End, MeetingTimes.Zone(meeting.TimeZone))));

    public const string Cancelled = "Your call is cancelled, and the invitation is withdrawn. Say \"book a meeting\" whenever you'd like a new time.";

    public const string CancelFailed = "Sorry, I couldn't cancel the call just now: our calendar didn't answer. Please try again in a moment.";

    public const string KeptMeeting = "Fine, the call stays as booked.";
}
