using PartnerBot.Handoff;
using PartnerBot.Tests.Advisor;

namespace PartnerBot.Tests.Handoff;

/// <summary>The opening hours as a prospect reads them when nobody can chat live: in their language; in English for sales.</summary>
public sealed class BusinessHoursLanguageTests
{
    private static readonly BusinessHours Hours = BusinessHours.From(new BusinessHoursOptions
    {
        TimeZone = "Europe/Berlin",
        Weekly = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Monday"] = "09:00-17:00", ["Tuesday"] = "09:00-17:00", ["Wednesday"] = "09:00-17:00", ["Thursday"] = "09:00-17:00", ["Friday"] = "09:00-17:00",
        },
    });

    [Theory]
    [InlineData("en", "Monday to Friday 09:00–17:00 (Europe/Berlin time)")]
    [InlineData("de", "Montag bis Freitag 09:00–17:00 (Zeitzone Europe/Berlin)")]
    [InlineData("fr", "du lundi au vendredi 09:00–17:00 (fuseau Europe/Berlin)")]
    public void The_hours_are_described_in_the_turns_language(string code, string expected)
    {
        using var _ = new InLanguage(code);
        Assert.Equal(expected, Hours.Describe());
    }
}
