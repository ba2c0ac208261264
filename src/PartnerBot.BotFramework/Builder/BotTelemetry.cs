using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// The turn's traces and metrics, for OpenTelemetry or any other listener. Tags carry the channel, the activity
/// type and the outcome only: never text, names, ids or anything else a person typed or is identified by. The
/// channel and the type come from the request, so unknown values are folded into "other" (a caller cannot grow
/// the metrics' cardinality).
/// </summary>
public static class BotTelemetry
{
    public const string Name = "PartnerBot.BotFramework";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("partnerbot.turns", description: "Turns run, by channel, activity type and outcome.");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("partnerbot.turn.errors", description: "Turns that failed in the bot or its middleware.");

    public static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("partnerbot.storage.conflicts", description: "Dialog state saves refused because someone else saved first (the turn runs again).");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("partnerbot.turn.duration", unit: "ms", description: "How long a turn took, delivery included.");

    private static readonly HashSet<string> KnownChannels = new(StringComparer.OrdinalIgnoreCase) { "msteams", "directline", "webchat", "emulator", "test" };

    private static readonly HashSet<string> KnownTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        Schema.ActivityTypes.Message, Schema.ActivityTypes.ConversationUpdate, Schema.ActivityTypes.InstallationUpdate, Schema.ActivityTypes.Typing,
        Schema.ActivityTypes.EndOfConversation, Schema.ActivityTypes.Event, Schema.ActivityTypes.Invoke, Schema.ActivityTypes.MessageReaction,
        Schema.ActivityTypes.MessageUpdate, Schema.ActivityTypes.MessageDelete,
    };

    public static string Channel(string? channelId) => channelId is not null && KnownChannels.Contains(channelId) ? channelId.ToLowerInvariant() : "other";

    public static string ActivityType(string? type) => type is not null && KnownTypes.TryGetValue(type, out var known) ? known : "other";

    /// <summary>Ends a turn's span and counts it.</summary>
    public static void Record(Activity? span, string channel, string type, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "bot.channel", channel }, { "bot.activity.type", type }, { "bot.outcome", outcome } };
        Turns.Add(1, tags);
        Duration.Record(elapsed.TotalMilliseconds, tags);
        if (outcome == Outcomes.Error) Errors.Add(1, tags);
        if (span is null) return;
        span.SetTag("bot.outcome", outcome);
        if (outcome is Outcomes.Error or Outcomes.Undelivered) span.SetStatus(ActivityStatusCode.Error, outcome);
    }

    public static class Outcomes
    {
        public const string Ok = "ok";
        public const string Duplicate = "duplicate";
        public const string Error = "error";
        public const string Undelivered = "undelivered";
    }
}
