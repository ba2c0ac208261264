using PartnerBot.Advisor.Booking;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Advisor;

namespace PartnerBot.Tests.Booking;

/// <summary>Times as a prospect types them, matched to the offered ones; and their time zone as their client says it.</summary>
public sealed class MeetingTimesTests
{
    // Monday 7 December 2026, 09:00 in Berlin (UTC+1).
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Berlin = TimeSpan.FromHours(1);

    private static readonly DateTimeOffset[] Offered =
    [
        new(2026, 12, 7, 15, 0, 0, Berlin),  // today 15:00
        new(2026, 12, 8, 10, 30, 0, Berlin), // Tuesday 10:30
        new(2026, 12, 8, 14, 0, 0, Berlin),  // Tuesday 14:00
        new(2026, 12, 9, 9, 0, 0, Berlin),   // Wednesday 09:00
    ];

    [Theory]
    [InlineData("today at 3pm", 0)]
    [InlineData("this afternoon at 15:00", 0)]
    [InlineData("Tuesday 10:30", 1)]
    [InlineData("tomorrow at 10.30", 1)]
    [InlineData("tue 2pm", 2)]
    [InlineData("Tuesday at 2", 2)]
    [InlineData("8 December at 14:00", 2)]
    [InlineData("Dec 8th, 2 p.m.", 2)]
    [InlineData("wednesday", 3)]
    [InlineData("the 9th", 3)]
    [InlineData("9am", 3)]
    public void A_day_and_time_that_names_one_offered_time_picks_it(string typed, int expected) =>
        Assert.Equal(expected, MeetingTimes.Read(typed, Offered, Now));

    [Theory]
    [InlineData("de", "heute um 15 Uhr", 0)]
    [InlineData("de", "Dienstag 10:30", 1)]
    [InlineData("de", "morgen um 10.30", 1)]
    [InlineData("de", "Di 14 Uhr", 2)]
    [InlineData("de", "am 8. Dezember um 14:00", 2)]
    [InlineData("de", "Mittwoch", 3)]
    [InlineData("fr", "aujourd'hui à 15h", 0)]
    [InlineData("fr", "mardi 10h30", 1)]
    [InlineData("fr", "demain à 10h30", 1)]
    [InlineData("fr", "le 8 déc. à 14h", 2)]
    [InlineData("fr", "mercredi", 3)]
    public void A_day_and_time_typed_in_german_or_french_picks_the_one_it_names(string code, string typed, int expected)
    {
        using var _ = new InLanguage(code);
        Assert.Equal(expected, MeetingTimes.Read(typed, Offered, Now));
        // Still one of the four: "Dienstag" alone fits two times, and is asked again.
        Assert.Null(MeetingTimes.Read(code == "de" ? "Dienstag" : "mardi", Offered, Now));
    }

    [Fact]
    public void Times_are_shown_in_the_prospects_language()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        using (new InLanguage("de")) Assert.Equal("Dienstag, 8. Dezember, 14:00–14:30 (Zeitzone Europe/Berlin)", MeetingTimes.Describe(Offered[2], Offered[2].AddMinutes(30), zone));
        using (new InLanguage("fr")) Assert.StartsWith("mardi 8 décembre, 14:00–14:30", MeetingTimes.Describe(Offered[2], Offered[2].AddMinutes(30), zone));
    }

    [Theory]
    [InlineData("tuesday")] // two times on Tuesday
    [InlineData("Thursday at 10")] // not offered
    [InlineData("Tuesday at 9")] // Tuesday, but not 09:00
    [InlineData("whenever suits you")]
    [InlineData("")]
    public void An_answer_that_names_no_single_offered_time_is_not_guessed(string typed) =>
        Assert.Null(MeetingTimes.Read(typed, Offered, Now));

    [Fact]
    public void The_prospects_zone_comes_from_their_client_else_from_their_clock_else_the_calendars()
    {
        var calendar = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal("Europe/Berlin", MeetingTimes.ProspectZone(new Activity { LocalTimezone = "Europe/Berlin" }, calendar).Id);
        var offset = MeetingTimes.ProspectZone(new Activity { LocalTimestamp = new DateTimeOffset(2026, 12, 7, 14, 30, 0, TimeSpan.FromHours(5.5)) }, calendar);
        Assert.Equal(TimeSpan.FromHours(5.5), offset.BaseUtcOffset);
        // Stored by id and read back the same.
        Assert.Equal(TimeSpan.FromHours(5.5), MeetingTimes.Zone(offset.Id).BaseUtcOffset);
        Assert.Equal(calendar, MeetingTimes.ProspectZone(new Activity { LocalTimezone = "Not/AZone" }, calendar));
    }

    [Fact]
    public void Labels_are_in_the_prospects_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var start = new DateTimeOffset(2026, 12, 8, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal("Tue 8 Dec, 09:00", MeetingTimes.Label(start, zone));
        Assert.Equal("Tuesday 8 December, 09:00–09:30 (America/New_York time)", MeetingTimes.Describe(start, start.AddMinutes(30), zone));
    }
}
