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
