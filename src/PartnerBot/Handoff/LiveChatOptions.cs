namespace PartnerBot.Handoff;

/// <summary>
/// Section <c>LiveChat</c>: a prospect who asks for a person is handed to a colleague live, in the Teams thread of
/// their lead card. Offered while a lead-alert channel is active and, when <see cref="BusinessHours"/> are set,
/// within them; otherwise the prospect leaves their details for an expert, as before.
/// </summary>
public sealed class LiveChatOptions
{
    public const string Section = "LiveChat";

    public bool Enabled { get; set; } = true;

    /// <summary>How long a prospect waits for someone to join before being offered the contact form instead.</summary>
    public double WaitMinutes { get; set; } = 3;

    /// <summary>A chat in which neither side wrote for this long ends by itself.</summary>
    public double IdleMinutes { get; set; } = 15;

    /// <summary>How often the waits and idle chats are checked.</summary>
    public double TimerSeconds { get; set; } = 10;

    /// <summary>How long a relayed message may take (retries included) before both sides are told it did not arrive.</summary>
    public double RelayTimeoutSeconds { get; set; } = 20;

    public BusinessHoursOptions BusinessHours { get; set; } = new();
}

/// <summary>
/// When colleagues chat live: for each day of the week, its hours ("09:00-12:00, 13:00-17:30"; a day left out is
/// closed), in <see cref="TimeZone"/>, except the <see cref="Closed"/> dates. No hours at all means always.
/// </summary>
public sealed class BusinessHoursOptions
{
    /// <summary>An IANA or Windows time zone id, for example Europe/Zurich.</summary>
    public string TimeZone { get; set; } = "UTC";

    public Dictionary<string, string> Weekly { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Dates (yyyy-MM-dd, in <see cref="TimeZone"/>) with no live chat: public holidays, company events.</summary>
    public string[] Closed { get; set; } = [];
}
