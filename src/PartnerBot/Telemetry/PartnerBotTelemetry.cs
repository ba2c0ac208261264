using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PartnerBot.Telemetry;

/// <summary>
/// PartnerBot's own traces and metrics beside the turn's (<see cref="BotFramework.Builder.BotTelemetry"/>): storage
/// calls and the sales events. As there, tags never carry text, names, e-mail addresses or ids.
/// </summary>
public static class PartnerBotTelemetry
{
    public const string Name = "PartnerBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Leads = Meter.CreateCounter<long>("partnerbot.leads",
        description: "Sales events: an assessment finished (with the prospect's consent or without), a prospect asked to talk to an expert.");

    public static readonly Counter<long> Alerts = Meter.CreateCounter<long>("partnerbot.alerts",
        description: "Lead alert deliveries to Teams channels, by outcome: sent, retry, given up, channel gone; and claims.");

    public static readonly Counter<long> LiveChats = Meter.CreateCounter<long>("partnerbot.livechats",
        description: "Live hand-offs by event: requested, joined, ended (by whom: prospect, colleague, idle), nobody came; and relayed messages that did not get through.");

    public static readonly Counter<long> Meetings = Meter.CreateCounter<long>("partnerbot.meetings",
        description: "Calls booked from the chat and cancelled (partnerbot.meeting.event: booked, cancelled).");

    /// <summary>Counts one live-chat event (<c>partnerbot.livechat.event</c>: requested, joined, ended, nobody_came, undelivered).</summary>
    public static void LiveChat(string kind, string? endedBy = null)
    {
        var tags = new TagList { { "partnerbot.livechat.event", kind } };
        if (endedBy is not null) tags.Add("partnerbot.livechat.ended_by", endedBy);
        LiveChats.Add(1, tags);
    }

    public static readonly Counter<long> StorageFailures = Meter.CreateCounter<long>("partnerbot.storage.failures",
        description: "Storage calls that still failed after their retries (the user was asked to send the message again).");

    /// <summary>A span around one storage call; <paramref name="provider"/> is "sqlite" or "azure.table".</summary>
    public static Activity? StartStorage(string provider, string operation)
    {
        var span = Source.StartActivity("storage " + operation, ActivityKind.Client);
        span?.SetTag("db.system.name", provider);
        span?.SetTag("db.operation.name", operation);
        return span;
    }

    public static void StorageFailed(Activity? span, string provider, string operation)
    {
        StorageFailures.Add(1, new TagList { { "db.system.name", provider }, { "db.operation.name", operation } });
        span?.SetStatus(ActivityStatusCode.Error, "storage unavailable");
    }

    public static class LeadEvents
    {
        public const string AssessmentFinished = "assessment_finished";
        public const string ContactRequested = "contact_requested";
    }
}
