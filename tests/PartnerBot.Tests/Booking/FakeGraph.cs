using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Booking;

/// <summary>
/// Microsoft Graph's calendar API on loopback, in its JSON: <c>getSchedule</c> (busy items of the mailbox in the window,
/// times in UTC when asked with <c>Prefer: outlook.timezone</c>), event creation (201 with <c>onlineMeeting.joinUrl</c>;
/// the same <c>transactionId</c> returns the event already created), <c>cancel</c> (202), a 401 OData error without the
/// expected bearer token, and whatever status the test queues (409, 429 with <c>Retry-After</c>).
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    public const string Token = "graph-test-token";
    public const string Mailbox = "experts@contoso.example";

    public sealed record CalendarEvent(string Id, DateTimeOffset Start, DateTimeOffset End, JsonObject Body, DateTimeOffset Created)
    {
        public bool Cancelled { get; set; }
    }

    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _eventAnswers = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _scheduleAnswers = new();
    private readonly List<CalendarEvent> _events = [];
    private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _busy = [];
    private readonly List<CalendarEvent> _deleted = [];
    private readonly ConcurrentQueue<TimeSpan> _races = new();
    private WebApplication _app = null!;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<string> Requests { get; } = new();

    public List<string> PreferHeaders { get; } = [];

    public IReadOnlyList<CalendarEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    /// <summary>Events deleted through the API.</summary>
    public IReadOnlyList<CalendarEvent> Deleted
    {
        get { lock (_events) return [.. _deleted]; }
    }

    /// <summary>
    /// When the next event is created, another instance books the same time in the same instant: its event is made
    /// too, <paramref name="otherFirst"/> a millisecond before this one's or after it.
    /// </summary>
    public void RaceNextEvent(bool otherFirst) => _races.Enqueue(TimeSpan.FromMilliseconds(otherFirst ? -1 : 1));

    /// <summary>Someone else's appointment in the mailbox.</summary>
    public void Busy(DateTimeOffset start, DateTimeOffset end)
    {
        lock (_events) _busy.Add((start, end));
    }

    /// <summary>The next event creation is answered with this status (and Retry-After), before anything is created.</summary>
    public void FailNextEvent(int status, string? retryAfter = null) => _eventAnswers.Enqueue((status, retryAfter));

    public void FailNextSchedule(int status, string? retryAfter = null) => _scheduleAnswers.Enqueue((status, retryAfter));

    public static async Task<FakeGraph> StartAsync()
    {
        var graph = new FakeGraph();
        var (app, address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1.0/users/{mailbox}/calendar/getSchedule", (string mailbox, HttpContext http) => graph.ScheduleAsync(mailbox, http));
            app.MapPost("/v1.0/users/{mailbox}/events", (string mailbox, HttpContext http) => graph.CreateAsync(mailbox, http));
            app.MapPost("/v1.0/users/{mailbox}/events/{id}/cancel", (string mailbox, string id, HttpContext http) => graph.Cancel(mailbox, id, http));
            app.MapMethods("/v1.0/users/{mailbox}/events/{id}", ["PATCH"], (string mailbox, string id, HttpContext http) => graph.UpdateAsync(mailbox, id, http));
            app.MapDelete("/v1.0/users/{mailbox}/events/{id}", (string mailbox, string id, HttpContext http) => graph.Delete(mailbox, id, http));
            app.MapGet("/v1.0/users/{mailbox}/calendarView", (string mailbox, HttpContext http) => graph.CalendarView(mailbox, http));
        });
        graph._app = app;
        // Graph's client sends tokens over plain http only to "localhost".
        graph.Url = address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/v1.0";
        return graph;
    }

    private async Task<IResult> ScheduleAsync(string mailbox, HttpContext http)
    {
        Requests.Enqueue("getSchedule");
        if (Refused(http, mailbox) is { } refused) return refused;
        lock (_events) PreferHeaders.Add(http.Request.Headers["Prefer"].ToString());
        if (_scheduleAnswers.TryDequeue(out var answer)) return Error(http, answer.Status, answer.RetryAfter);
        var body = (await JsonNode.ParseAsync(http.Request.Body))!;
        // Graph reads action parameters whatever their case; the SDK sends getSchedule's as "StartTime", "EndTime".
        var from = Time(Property(body, "startTime"));
        var until = Time(Property(body, "endTime"));
        JsonArray items;
        lock (_events)
        {
            items = [.. _busy.Concat(_events.Where(e => !e.Cancelled).Select(e => (e.Start, e.End)))
                .Where(b => b.Start < until && b.End > from)
                .Select(b => new JsonObject
                {
                    ["isPrivate"] = false,
                    ["status"] = "busy",
                    ["subject"] = "",
                    ["start"] = Graph(b.Start),
                    ["end"] = Graph(b.End),
                })];
        }
        return Results.Json(new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
            ["value"] = new JsonArray(new JsonObject { ["scheduleId"] = mailbox, ["availabilityView"] = "", ["scheduleItems"] = items }),
        });
    }

    private async Task<IResult> CreateAsync(string mailbox, HttpContext http)
    {
        Requests.Enqueue("events");
        if (Refused(http, mailbox) is { } refused) return refused;
        if (_eventAnswers.TryDequeue(out var answer)) return Error(http, answer.Status, answer.RetryAfter);
        var body = (JsonObject)(await JsonNode.ParseAsync(http.Request.Body))!;
        CalendarEvent created;
        lock (_events)
        {
            var transaction = body["transactionId"]?.GetValue<string>();
            created = _events.FirstOrDefault(e => transaction is not null && e.Body["transactionId"]?.GetValue<string>() == transaction)
                ?? new CalendarEvent(NextId(), Time(body["start"]!), Time(body["end"]!), body, DateTimeOffset.UtcNow);
            if (!_events.Contains(created))
            {
                if (_races.TryDequeue(out var otherAfter))
                {
                    var other = new JsonObject { ["subject"] = "Booked by another instance", ["transactionId"] = Guid.NewGuid().ToString() };
                    _events.Add(new CalendarEvent(NextId(), created.Start, created.End, other, created.Created + otherAfter));
                }
                _events.Add(created);
            }
        }
        lock (_events) return Results.Json(Representation(created), statusCode: StatusCodes.Status201Created);
    }

    private int _lastId;

    private string NextId() => "AAMk" + Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    private async Task<IResult> UpdateAsync(string mailbox, string id, HttpContext http)
    {
        Requests.Enqueue("update");
        if (Refused(http, mailbox) is { } refused) return refused;
        var changes = (JsonObject)(await JsonNode.ParseAsync(http.Request.Body))!;
        lock (_events)
        {
            if (_events.FirstOrDefault(e => e.Id == id) is not { } found) return Error(http, 404, null);
            foreach (var (name, value) in changes.ToList()) found.Body[name] = value?.DeepClone();
            return Results.Json(Representation(found));
        }
    }

    private IResult Delete(string mailbox, string id, HttpContext http)
    {
        Requests.Enqueue("delete");
        if (Refused(http, mailbox) is { } refused) return refused;
        lock (_events)
        {
            if (_events.FirstOrDefault(e => e.Id == id) is not { } found) return Error(http, 404, null);
            _events.Remove(found);
            _deleted.Add(found);
        }
        return Results.NoContent();
    }

    private IResult CalendarView(string mailbox, HttpContext http)
    {
        Requests.Enqueue("calendarView");
        if (Refused(http, mailbox) is { } refused) return refused;
        lock (_events) PreferHeaders.Add(http.Request.Headers["Prefer"].ToString());
        var from = DateTimeOffset.Parse(http.Request.Query["startDateTime"]!, CultureInfo.InvariantCulture);
        var until = DateTimeOffset.Parse(http.Request.Query["endDateTime"]!, CultureInfo.InvariantCulture);
        JsonArray value;
        lock (_events)
        {
            value = [.. _events.Where(e => e.Start < until && e.End > from).Select(e => new JsonObject
            {
                ["id"] = e.Id,
                ["createdDateTime"] = e.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                ["isCancelled"] = e.Cancelled,
                ["showAs"] = "busy",
            })];
        }
        return Results.Json(new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('" + mailbox + "')/calendarView(id,createdDateTime,showAs,isCancelled)",
            ["value"] = value,
        });
    }

    private static JsonObject Representation(CalendarEvent e)
    {
        var reply = (JsonObject)e.Body.DeepClone();
        reply["id"] = e.Id;
        reply["createdDateTime"] = e.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        reply["onlineMeeting"] = new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + e.Id + "%40thread.v2/0" };
        return reply;
    }

    private IResult Cancel(string mailbox, string id, HttpContext http)
    {
        Requests.Enqueue("cancel");
        if (Refused(http, mailbox) is { } refused) return refused;
        lock (_events)
        {
            if (_events.FirstOrDefault(e => e.Id == id) is not { } found) return Error(http, 404, null);
            found.Cancelled = true;
        }
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static IResult? Refused(HttpContext http, string mailbox) =>
        http.Request.Headers.Authorization.ToString() != "Bearer " + Token ? Error(http, 401, null, "InvalidAuthenticationToken")
        : !string.Equals(mailbox, Mailbox, StringComparison.OrdinalIgnoreCase) ? Error(http, 404, null, "ErrorInvalidUser")
        : null;

    private static IResult Error(HttpContext http, int status, string? retryAfter, string? code = null)
    {
        if (retryAfter is not null) http.Response.Headers.RetryAfter = retryAfter;
        code ??= status switch { 409 => "ErrorConflict", 429 => "TooManyRequests", 404 => "ErrorItemNotFound", _ => "ServiceUnavailable" };
        return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = "Refused by the fake.", ["innerError"] = new JsonObject { ["request-id"] = Guid.NewGuid().ToString() } } }, statusCode: status);
    }

    private static JsonNode Property(JsonNode body, string name) =>
        body.AsObject().FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value
        ?? throw new InvalidOperationException($"The request has no {name}.");

    private static DateTimeOffset Time(JsonNode value)
    {
        Assert.Equal("UTC", value["timeZone"]!.GetValue<string>());
        return new DateTimeOffset(DateTime.Parse(value["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
    }

    private static JsonObject Graph(DateTimeOffset instant) =>
        new() { ["dateTime"] = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Entra ID's part, faked: the app-only token the fake Graph expects, for Graph's own scope.</summary>
    public sealed class Credential : TokenCredential
    {
        public ConcurrentQueue<string> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes) Scopes.Enqueue(scope);
            return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
