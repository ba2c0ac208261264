using System.Globalization;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Workspace;

/// <summary>
/// The list's filters from a query string, for the API, the export and the pages alike. A parameter this does not
/// know, or a value it cannot read, is an error naming it: a filter that was silently ignored would show sales
/// the wrong leads.
/// </summary>
public static class SalesQuery
{
    public static readonly string[] Parameters = ["from", "to", "status", "owner", "model", "phase", "channel", "consent", "contact", "live", "dropped", "q", "cursor", "limit"];

    /// <summary>"teams" and "web" name the two ways prospects arrive; any other value is a channel id as the channel sends it.</summary>
    public static IReadOnlyList<string> Channels(string channel) => channel.ToLowerInvariant() switch
    {
        "teams" => ["msteams"],
        "web" => ["directline", "webchat"],
        var id => [id],
    };

    public static string ChannelGroup(string channelId) => channelId.ToLowerInvariant() switch
    {
        "msteams" => "teams",
        "directline" or "webchat" => "web",
        _ => "other",
    };

    /// <summary>A value by its name only: no numbers and no comma lists (which Enum.TryParse would combine into another value).</summary>
    public static bool TryParseName<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !text.Contains(',', StringComparison.Ordinal) && !int.TryParse(text, out _);

    public static string NotOneOf<T>(string text) where T : struct, Enum =>
        $"'{text}' is not one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.";

    /// <param name="now">"Dropped at question N" leaves out conversations still under way at this moment.</param>
    public static (ConversationQuery? Query, Dictionary<string, string[]>? Errors) Parse(IQueryCollection values, SalesPerson me, DateTimeOffset now, int defaultLimit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var name in values.Keys.Where(k => !Parameters.Contains(k, StringComparer.Ordinal)))
        {
            errors[name] = [$"Unknown filter '{name}'. Known: {string.Join(", ", Parameters)}."];
        }
        string? One(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        T? Enum<T>(string name) where T : struct, Enum
        {
            if (One(name) is not { } text) return null;
            if (TryParseName<T>(text, out var value)) return value;
            errors[name] = [NotOneOf<T>(text)];
            return null;
        }
        DateTimeOffset? Date(string name)
        {
            if (One(name) is not { } text) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
            errors[name] = [$"'{text}' is not a date (yyyy-MM-dd or ISO 8601)."];
            return null;
        }
        bool? Flag(string name, string yes, string no)
        {
            if (One(name) is not { } text) return null;
            if (string.Equals(text, yes, StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(text, no, StringComparison.OrdinalIgnoreCase)) return false;
            errors[name] = [$"'{text}' is not '{yes}' or '{no}'."];
            return null;
        }

        var from = Date("from");
        var to = Date("to");
        // A date without a time means the whole day: "to=2026-11-30" includes the 30th.
        if (to is { } end && One("to") is { Length: 10 }) to = end.AddDays(1);
        var model = Enum<Advisor.Playbook.EngagementModel>("model")?.ToString();
        var phase = Enum<Advisor.Playbook.LifecyclePhase>("phase")?.ToString();
        var status = Enum<FollowUpStatus>("status");
        var consent = Enum<Consent>("consent");
        var contact = Flag("contact", "requested", "none");
        var live = Flag("live", "chatted", "none");
        int? dropped = null;
        if (One("dropped") is { } d)
        {
            if (int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var question) && question is >= 1 and <= 100) dropped = question;
            else errors["dropped"] = ["'dropped' is the number of the question (1 to 100) where prospects stopped."];
        }
        var owner = One("owner") switch
        {
            null => null,
            "me" => me.Id,
            "none" => ConversationQuery.Unowned,
            var id => id,
        };
        var limit = defaultLimit;
        if (One("limit") is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
        {
            errors["limit"] = ["'limit' must be a whole number from 1 to 500."];
        }
        var channel = One("channel");
        if (channel is not null && (channel.Length > 40 || !channel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            errors["channel"] = ["'channel' is 'teams', 'web' or a channel id."];
        }
        var search = One("q");
        if (search is { Length: > 200 }) errors["q"] = ["The search is at most 200 characters."];
        if (errors.Count > 0) return (null, errors);
        return (new ConversationQuery
        {
            From = from,
            To = to,
            Status = status,
            OwnerId = owner,
            OutcomeModel = model,
            OutcomePhase = phase,
            Channels = channel is null ? null : Channels(channel),
            Consent = consent,
            ContactRequested = contact,
            ChattedLive = live,
            DroppedAt = dropped,
            QuietSince = dropped is null ? null : now - SalesFunnel.UnderWayFor,
            Search = search,
            ContinuationToken = One("cursor"),
            PageSize = limit,
        }, null);
    }
}
