using System.Globalization;
using System.Text.Json.Nodes;

namespace PartnerBot.Storage;

/// <summary>The call on a lead, as read from its record (the advisor's booked meeting, stored as JSON).</summary>
public sealed record LeadMeeting(string Id, DateTimeOffset Start, DateTimeOffset End, string? JoinUrl, DateTimeOffset? CancelledAt)
{
    public bool Cancelled => CancelledAt is not null;

    public static LeadMeeting? Of(ConversationRecord? record) => record?.Meeting is JsonObject meeting ? From(meeting) : null;

    private static LeadMeeting? From(JsonObject meeting)
    {
        string? Text(string name) => meeting[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        DateTimeOffset? Time(string name) => DateTimeOffset.TryParse(Text(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
        return Text("id") is { } id && Time("start") is { } start && Time("end") is { } end ? new LeadMeeting(id, start, end, Text("joinUrl"), Time("cancelledAt")) : null;
    }

    /// <summary>"2026-12-08 13:00 UTC", as sales read it in the card, the list and the CSV.</summary>
    public string StartUtc => Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public JsonObject ToJson() => new()
    {
        ["eventId"] = Id,
        ["start"] = Start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["end"] = End.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["joinUrl"] = JoinUrl,
        ["status"] = Cancelled ? "cancelled" : "booked",
    };
}
