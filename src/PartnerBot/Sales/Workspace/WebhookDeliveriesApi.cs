using Microsoft.Extensions.Options;
using PartnerBot.Storage;
using PartnerBot.Webhooks;

namespace PartnerBot.Sales.Workspace;

/// <summary>
/// The workspace's view of the webhook endpoints: each one's recent deliveries (event, attempts, the last answer), and
/// whether it is failing (its newest delivery was given up, or is still being retried); a delivery can be sent again,
/// with the same <c>webhook-id</c>. The secret never leaves configuration; the address is shown without its path.
/// </summary>
public static class WebhookDeliveriesApi
{
    public static RouteGroupBuilder MapWebhookDeliveries(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", ListAsync);
        api.MapPost("/webhooks/{endpoint}/deliveries/{id}/resend", ResendAsync);
        return api;
    }

    public sealed record DeliveryView(string Id, string Event, DateTimeOffset CreatedAt, int Attempts, string State, int? LastStatus, string? LastError, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt);

    public sealed record EndpointView(string Name, string Host, IReadOnlyList<string> Events, string Health, IReadOnlyList<DeliveryView> Deliveries);

    private static async Task<IResult> ListAsync(IWebhookOutbox outbox, IOptions<WebhookOptions> options, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 20, 1, 200);
        var endpoints = new List<EndpointView>();
        foreach (var endpoint in options.Value.Endpoints)
        {
            var recent = await outbox.RecentAsync(endpoint.DisplayName, take, ct);
            var views = recent.Select(View).ToList();
            var newest = recent.FirstOrDefault(d => d.Attempts > 0 || d.DeliveredAt is not null);
            var health = newest switch
            {
                null => "idle",
                { DeliveredAt: not null } => "ok",
                { GivenUp: true } => "disabled",
                _ => "failing",
            };
            endpoints.Add(new EndpointView(endpoint.DisplayName, Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var uri) ? uri.Host : "", endpoint.Events, health, views));
        }
        return TypedResults.Ok(new { endpoints });
    }

    private static async Task<IResult> ResendAsync(HttpContext context, string endpoint, string id, IWebhookOutbox outbox, WebhookSender sender, IAuditLog audit,
        IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!options.Value.Endpoints.Any(e => e.DisplayName == endpoint) || !(await outbox.RecentAsync(endpoint, 500, ct)).Any(d => d.Id == id))
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
