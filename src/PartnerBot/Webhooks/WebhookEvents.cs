using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Crm;
using PartnerBot.Sales.Alerts;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;

namespace PartnerBot.Webhooks;

/// <summary>
/// Turns what happened to a lead into webhook deliveries in the outbox, one per endpoint that wants the event, and
/// wakes the sender. Only leads that consented are described; an erased lead is announced by its key alone. The body
/// follows the Standard Webhooks shape: <c>{"type", "timestamp", "data"}</c>. Each event has an id derived from what
/// happened, so a retried turn enqueues nothing new. When Dynamics 365 is configured, the events that change a lead
/// with contact details are queued for it too, under <see cref="DataverseOptions.EndpointName"/>.
/// </summary>
public sealed class WebhookEvents(
    IWebhookOutbox outbox, IConversationRecords records, WebhookSender sender, IOptions<WebhookOptions> options, IOptions<DataverseOptions> dataverse,
    IOptions<SalesOptions> sales, TimeProvider clock)
{
    public bool Configured => options.Value.Endpoints.Length > 0 || dataverse.Value.Configured;

    /// <summary>After a turn saved the lead's record: finished, asked for an expert, became a lead with contact details.</summary>
    public Task OnRecordSavedAsync(ConversationRecord? before, ConversationRecord after, CancellationToken cancellationToken)
    {
        if (!Configured || after.Consent != Consent.Granted) return Task.CompletedTask;
        var events = new List<(string Type, string Key)>();
        if (before?.Contact is null && after.Contact is not null)
        {
            events.Add((WebhookEventTypes.LeadCreated, "created"));
            events.Add((WebhookEventTypes.ContactRequested, "contact"));
        }
        if (before?.Outcome is null && after.Outcome is not null) events.Add((WebhookEventTypes.AssessmentFinished, "finished"));
        var (was, meeting) = (LeadMeeting.Of(before), LeadMeeting.Of(after));
        if (meeting is { Cancelled: false } && meeting.Id != was?.Id) events.Add((WebhookEventTypes.MeetingBooked, meeting.Id));
        if (meeting is { Cancelled: true } && !(was is { Cancelled: true } && was.Id == meeting.Id)) events.Add((WebhookEventTypes.MeetingCancelled, meeting.Id));
        return EnqueueAsync(after, events, cancellationToken);
    }

    /// <summary>Sales changed the lead (status, owner, note): one event per version of the follow-up.</summary>
    public Task OnFollowUpChangedAsync(ConversationRecord after, CancellationToken cancellationToken) =>
        !Configured || after.Consent != Consent.Granted ? Task.CompletedTask
            : EnqueueAsync(after, [(WebhookEventTypes.LeadUpdated, "v" + after.FollowUp.Version)], cancellationToken);

    /// <summary>A colleague joined or the chat ended; <paramref name="at"/> tells the chats of one lead apart.</summary>
    public async Task OnHandoffAsync(string recordId, bool started, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!Configured || await records.GetAsync(recordId, cancellationToken) is not { Consent: Consent.Granted } record) return;
        await EnqueueAsync(record, [(started ? WebhookEventTypes.HandoffStarted : WebhookEventTypes.HandoffEnded, at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture))], cancellationToken);
    }

    /// <summary>The lead was erased: receivers hear its key, nothing else, and should erase their copy.</summary>
    public Task OnErasedAsync(string recordId, CancellationToken cancellationToken)
    {
        if (!Configured) return Task.CompletedTask;
        var data = new JsonObject { ["lead"] = new JsonObject { ["key"] = SalesKeys.Encode(recordId) } };
        // Not tied to the record (its rows are gone): the erasure notice outlives it.
        return EnqueueAsync(WebhookEventTypes.LeadErased, "erased:" + recordId, null, data, cancellationToken);
    }

    private Task EnqueueAsync(ConversationRecord record, IReadOnlyList<(string Type, string Key)> events, CancellationToken cancellationToken) =>
        events.Count == 0 ? Task.CompletedTask : EnqueueManyAsync(record, events, cancellationToken);

    private async Task EnqueueManyAsync(ConversationRecord record, IReadOnlyList<(string Type, string Key)> events, CancellationToken cancellationToken)
    {
        foreach (var (type, key) in events)
        {
            await EnqueueAsync(type, EventKey(record.Id, type, key), record.Id, new JsonObject { ["lead"] = Lead(record) }, cancellationToken,
                toDynamics: record.Contact is not null);
        }
    }

    /// <summary>What tells one event of a lead from another: the same happening always has the same key.</summary>
    public static string EventKey(string recordId, string type, string key) => recordId + "\n" + type + "\n" + key;

    private async Task EnqueueAsync(string type, string eventKey, string? recordId, JsonObject data, CancellationToken cancellationToken, bool toDynamics = true)
    {
        var now = clock.GetUtcNow();
        var body = new JsonObject { ["type"] = type, ["timestamp"] = now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["data"] = data }
            .ToJsonString(BotJson.Options);
        var deliveries = options.Value.Endpoints.Where(e => e.Wants(type))
            .Select(e => e.DisplayName)
            .Concat(toDynamics && dataverse.Value.Configured && DataverseLeadSync.Takes(type) ? [DataverseOptions.EndpointName] : [])
            .Select(endpoint => new WebhookDelivery(IdFor(eventKey, endpoint), endpoint, type, recordId, body, now, now))
            .ToList();
        if (deliveries.Count == 0) return;
        await outbox.EnqueueAsync(deliveries, cancellationToken);
        sender.Wake();
    }

    /// <summary>The <c>webhook-id</c>: the same event to the same endpoint always has the same one.</summary>
    public static string IdFor(string eventKey, string endpoint) =>
        "msg_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(eventKey + "\n" + endpoint)))[..32];

    /// <summary>What a receiver needs to file the lead: who, what was recommended, where it stands, and the workspace link.</summary>
    private JsonObject Lead(ConversationRecord record)
    {
        var contact = record.Contact as JsonObject;
        string? Text(string name) => contact?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        return new JsonObject
        {
            ["key"] = SalesKeys.Encode(record.Id),
            ["channel"] = SalesQuery.ChannelGroup(record.ChannelId),
            ["startedAt"] = record.StartedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = record.ContactName ?? Text("name"),
            ["company"] = record.Company ?? Text("company"),
            ["email"] = record.Email ?? Text("email"),
            ["phone"] = Text("phone"),
            ["message"] = Text("message"),
            ["recommendation"] = record.OutcomeModel is null ? null : new JsonObject { ["model"] = record.OutcomeModel, ["startingPhase"] = record.OutcomePhase },
            ["finished"] = record.Finished,
            ["status"] = record.FollowUp.Status.ToString().ToLowerInvariant(),
            ["owner"] = record.FollowUp.Owner is { } owner ? new JsonObject { ["id"] = owner.Id, ["name"] = owner.Name } : null,
            ["chattedLive"] = record.FollowUp.LiveChatAt is not null,
            ["meeting"] = LeadMeeting.Of(record)?.ToJson(),
            ["workspaceUrl"] = LeadAlertSender.WorkspaceUrl(sales.Value, record.Id),
        };
    }
}
