using Microsoft.Extensions.Options;
using PartnerBot.Crm;
using PartnerBot.Storage;
using PartnerBot.Webhooks;

namespace PartnerBot.Sales.Workspace;

/// <summary>
/// The workspace's view of the webhook endpoints (and of Dynamics 365, which is written from the same outbox): each
/// one's recent deliveries (event, attempts, the last answer), and its health (delivering, failing, or disabled after
/// failing too long); a delivery can be sent again, with the same <c>webhook-id</c>, and a disabled endpoint enabled
/// again, which sends what it held. The secret never leaves configuration; the address is shown without its path.
/// </summary>
public static class WebhookDeliveriesApi
{
    public static RouteGroupBuilder MapWebhookDeliveries(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", ListAsync);
        api.MapPost("/webhooks/{endpoint}/deliveries/{id}/resend", ResendAsync);
        api.MapPost("/webhooks/{endpoint}/enable", EnableAsync);
        return api;
    }

    public sealed record DeliveryView(string Id, string Event, DateTimeOffset CreatedAt, int Attempts, string State, int? LastStatus, string? LastError, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt);

    /// <param name="Health">"idle", "ok", "failing" (since <paramref name="FailingSince"/>), or "disabled" (since <paramref name="DisabledAt"/>).</param>
    public sealed record EndpointView(string Name, string Host, IReadOnlyList<string> Events, string Health, DateTimeOffset? FailingSince, DateTimeOffset? DisabledAt,
        IReadOnlyList<DeliveryView> Deliveries);

    /// <summary>The configured endpoints, Dynamics 365 last: name, address, events.</summary>
    private static IEnumerable<(string Name, string Url, IReadOnlyList<string> Events)> Endpoints(WebhookOptions webhooks, DataverseOptions dataverse) =>
        webhooks.Endpoints.Select(e => (e.DisplayName, e.Url, (IReadOnlyList<string>)e.Events))
            .Concat(dataverse.Configured ? [(DataverseOptions.EndpointName, dataverse.Url!, WebhookEventTypes.All.Where(DataverseLeadSync.Takes).ToList())] : []);

    private static async Task<IResult> ListAsync(IWebhookOutbox outbox, IOptions<WebhookOptions> options, IOptions<DataverseOptions> dataverse, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 20, 1, 200);
        var states = (await outbox.EndpointStatesAsync(ct)).ToDictionary(s => s.Endpoint, StringComparer.Ordinal);
        var endpoints = new List<EndpointView>();
        foreach (var (name, url, events) in Endpoints(options.Value, dataverse.Value))
        {
            var recent = await outbox.RecentAsync(name, take, ct);
            var state = states.GetValueOrDefault(name);
            var newest = recent.FirstOrDefault(d => d.Attempts > 0 || d.DeliveredAt is not null);
            var health = state is { Disabled: true } ? "disabled" : state?.FailingSince is not null ? "failing" : newest is null ? "idle" : "ok";
            endpoints.Add(new EndpointView(name, Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "", events, health, state?.FailingSince, state?.DisabledAt,
                recent.Select(View).ToList()));
        }
        return TypedResults.Ok(new { endpoints });
    }

    private static async Task<IResult> EnableAsync(HttpContext context, string endpoint, IWebhookOutbox outbox, WebhookSender sender, IAuditLog audit,
        IOptions<WebhookOptions> options, IOptions<DataverseOptions> dataverse, TimeProvider clock, CancellationToken ct)
    {
        if (!Endpoints(options.Value, dataverse.Value).Any(e => e.Name == endpoint)) return TypedResults.Problem(title: "No such endpoint", statusCode: StatusCodes.Status404NotFound);
        await outbox.SaveEndpointStateAsync(new WebhookEndpointState(endpoint), ct);
        var resumed = await outbox.ResumeAsync(endpoint, clock.GetUtcNow(), ct);
        sender.Wake();
        var person = SalesApi.User(context).Person;
        await audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), person.Id, person.Name, "webhook-enable", endpoint, resumed.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        return TypedResults.Ok(new { resumed });
    }

    private static async Task<IResult> ResendAsync(HttpContext context, string endpoint, string id, IWebhookOutbox outbox, WebhookSender sender, IAuditLog audit,
        IOptions<WebhookOptions> options, IOptions<DataverseOptions> dataverse, TimeProvider clock, CancellationToken ct)
    {
        if (!Endpoints(options.Value, dataverse.Value).Any(e => e.Name == endpoint) || !(await outbox.RecentAsync(endpoint, 500, ct)).Any(d => d.Id == id))
        {
            return TypedResults.Problem(title: "No such delivery", statusCode: StatusCodes.Status404NotFound);
        }
        if (!await outbox.ResendAsync(id, clock.GetUtcNow(), ct))
        {
            return TypedResults.Problem(title: "The delivery is still on its way", detail: "It is sent or retried by itself; resend it once it is delivered or given up.",
                statusCode: StatusCodes.Status409Conflict);
        }
        sender.Wake();
        var person = SalesApi.User(context).Person;
        await audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), person.Id, person.Name, "webhook-resend", endpoint, id), ct);
        return TypedResults.Accepted((string?)null);
    }

    private static DeliveryView View(WebhookDelivery d) => new(d.Id, d.EventType, d.CreatedAt, d.Attempts,
        d.DeliveredAt is not null ? "delivered" : d.GivenUp ? "given up" : d.Attempts == 0 ? "queued" : "retrying",
        d.LastStatus, d.LastError, d.DeliveredAt, d.Pending ? d.DueAt : null);
}
