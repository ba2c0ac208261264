namespace PartnerBot.Advisor.Booking;

/// <summary>The data bound into <c>cards/meeting.json</c>: a booked call (join, cancel) or the booking page's button.</summary>
public sealed record MeetingCardData(string Title, string Text, string? JoinUrl, string? LinkUrl, string LinkTitle, bool CanCancel)
{
    public const string CardName = "meeting";
}
