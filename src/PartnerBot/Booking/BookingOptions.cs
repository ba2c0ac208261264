using PartnerBot.Handoff;

namespace PartnerBot.Booking;

/// <summary>When calls can take place (<see cref="BookingOptions.Hours"/>), apart from the live chat's hours.</summary>
public sealed record BookingHours(BusinessHours Hours);

/// <summary>
/// Calls booked from the chat. With <see cref="Mailbox"/> set, free times come from that Microsoft 365 calendar (a sales
/// mailbox or a shared calendar) through Microsoft Graph, and the booked event carries a Teams meeting and the prospect
/// as attendee. Without it, <see cref="Link"/> (Microsoft Bookings or any scheduling page) is offered as a button.
/// </summary>
public sealed class BookingOptions
{
    public const string Section = "Booking";

    /// <summary>The calendar's user id or address (sales@contoso.com); it needs the Calendars.ReadWrite application permission.</summary>
    public string? Mailbox { get; set; }

    /// <summary>A scheduling page, offered without a calendar, or when the calendar cannot be reached.</summary>
    public string? Link { get; set; }

    /// <summary>
    /// The app registration Graph is called as: by default the bot's own (Bot:MicrosoftAppId, its password or managed
    /// identity, Bot:MicrosoftAppTenantId); set these to use another one. The secret comes from configuration or Key Vault.
    /// </summary>
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Graph's address: the global service, or a national cloud's (https://graph.microsoft.us/v1.0).</summary>
    public string GraphUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    public int MeetingMinutes { get; set; } = 30;

    /// <summary>How many free times are offered at once (at most two a day, so the prospect has days to choose from).</summary>
    public int SlotsOffered { get; set; } = 5;

    public int DaysAhead { get; set; } = 14;

    /// <summary>The earliest a call can start, from now.</summary>
    public int NoticeHours { get; set; } = 2;

    /// <summary>How long the prospect's turn waits for the calendar before they are offered e-mail instead.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public string Subject { get; set; } = "Call with our experts";

    /// <summary>When calls can take place; no weekly hours means Monday to Friday, 09:00 to 17:00, in the hours' time zone.</summary>
    public BusinessHoursOptions Hours { get; set; } = new();

    public bool HasCalendar => !string.IsNullOrWhiteSpace(Mailbox);

    public Uri? BookingLink => Uri.TryCreate(Link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;

    /// <summary>The hours calls can take place in.</summary>
    public BusinessHours ReadHours()
    {
        var hours = Hours;
        if (hours.Weekly.Count == 0)
        {
            hours = new BusinessHoursOptions { TimeZone = hours.TimeZone, Closed = hours.Closed };
            foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }) hours.Weekly[day] = "09:00-17:00";
        }
        return BusinessHours.From(hours, Section + ":" + nameof(Hours));
    }
}
