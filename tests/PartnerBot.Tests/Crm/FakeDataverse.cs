using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Crm;

/// <summary>
/// A Dataverse environment's Web API on loopback, in its OData JSON: <c>POST leads</c> (204 with <c>OData-EntityId</c>;
/// a <c>leadid</c> already used is refused with 412 and the duplicate-key error 0x80040237), <c>PATCH leads(id)</c>
/// (an upsert, or with <c>If-Match: *</c> an update that answers 404 for a missing row), <c>DELETE leads(id)</c>,
/// <c>POST annotations</c> bound to a lead, 401 without the expected bearer token, and whatever the test queues
/// (a status with a Retry-After, or a create that is made but whose answer is lost).
/// </summary>
public sealed class FakeDataverse : IAsyncDisposable
{
    public const string Token = "dataverse-test-token";
    private const string Root = "/api/data/v9.2/";

    public sealed record Request(string Method, string Path, string? IfMatch, JsonObject? Body);

    private readonly ConcurrentQueue<(int Status, string? RetryAfter, bool Apply)> _answers = new();
    private readonly ConcurrentDictionary<Guid, JsonObject> _leads = new();
    private readonly ConcurrentDictionary<Guid, JsonObject> _notes = new();
    private readonly ConcurrentQueue<Request> _requests = new();
    private WebApplication _app = null!;

    /// <summary>The environment's address, as <c>Crm:Dataverse:Url</c> takes it.</summary>
    public string Url { get; private set; } = "";

    public IReadOnlyList<Request> Requests => [.. _requests];

    public IReadOnlyDictionary<Guid, JsonObject> Leads => _leads;

    public IReadOnlyDictionary<Guid, JsonObject> Notes => _notes;

    /// <summary>The next request is refused with this status (and Retry-After) before anything happens.</summary>
    public void Fail(int status, string? retryAfter = null) => _answers.Enqueue((status, retryAfter, false));

    /// <summary>The next request is carried out, but answered with a 500, as when the answer is lost on the way.</summary>
    public void LoseNextAnswer() => _answers.Enqueue((500, null, true));

    /// <summary>Someone deleted the row in Dynamics.</summary>
    public void Delete(Guid id) => _leads.TryRemove(id, out _);

    public static async Task<FakeDataverse> StartAsync()
    {
        var fake = new FakeDataverse();
        var (app, address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost(Root + "leads", (Delegate)((HttpContext http) => fake.HandleAsync(http, null, fake.CreateLead)));
            app.MapMethods(Root + "leads({id})", ["PATCH"], (Guid id, HttpContext http) => fake.HandleAsync(http, id, fake.UpdateLead));
            app.MapDelete(Root + "leads({id})", (Guid id, HttpContext http) => fake.HandleAsync(http, id, (_, _, _) => fake._leads.TryRemove(id, out _) ? Results.NoContent() : NotFound(id)));
            app.MapPost(Root + "annotations", (Delegate)((HttpContext http) => fake.HandleAsync(http, null, fake.CreateNote)));
        });
        fake._app = app;
        fake.Url = address;
        return fake;
    }

    private async Task<IResult> HandleAsync(HttpContext http, Guid? id, Func<HttpContext, Guid?, JsonObject?, IResult> handle)
    {
        var body = http.Request.ContentLength > 0 || http.Request.Headers.ContentType.Count > 0 ? (await JsonNode.ParseAsync(http.Request.Body)) as JsonObject : null;
        _requests.Enqueue(new Request(http.Request.Method, http.Request.Path.Value!, http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : null, body));
        if (http.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        if (http.Request.Headers["OData-Version"].ToString() != "4.0") return Error(400, "0x80048d19", "The OData-Version header is missing.");
        if (_answers.TryDequeue(out var answer))
        {
            if (answer.Apply) handle(http, id, body);
            if (answer.RetryAfter is not null) http.Response.Headers.RetryAfter = answer.RetryAfter;
            return Error(answer.Status, answer.Status == 429 ? "0x80072322" : "0x80040216", "Refused by the fake.");
        }
        return handle(http, id, body);
    }

    private IResult CreateLead(HttpContext http, Guid? _, JsonObject? body)
    {
        if (body?["leadid"]?.GetValue<string>() is not { } given || !Guid.TryParse(given, out var id)) return Error(400, "0x80040203", "A lead id is expected by this fake.");
        if (body.ContainsKey("statecode")) return Error(400, "0x80040203", "A lead is created open.");
        if (!_leads.TryAdd(id, (JsonObject)body.DeepClone())) return Error(412, "0x80040237", "Cannot insert duplicate key.");
        return Created(http, "leads", id);
    }

    private IResult UpdateLead(HttpContext http, Guid? id, JsonObject? body)
    {
        var updateOnly = http.Request.Headers.IfMatch.ToString() == "*";
        if (!_leads.TryGetValue(id!.Value, out var row))
        {
            if (updateOnly) return NotFound(id.Value);
            row = _leads.GetOrAdd(id.Value, _ => new JsonObject { ["leadid"] = id.Value.ToString() });
        }
        lock (row)
        {
            foreach (var (name, value) in body!) row[name] = value?.DeepClone();
        }
        return Created(http, "leads", id.Value);
    }

    private IResult CreateNote(HttpContext http, Guid? _, JsonObject? body)
    {
        var bound = body?["objectid_lead@odata.bind"]?.GetValue<string>();
        if (bound is null || !bound.StartsWith("/leads(", StringComparison.Ordinal) || !Guid.TryParse(bound[7..^1], out var lead) || !_leads.ContainsKey(lead))
        {
            return Error(400, "0x80048d19", "The note is bound to no existing lead.");
        }
        var id = Guid.Parse(body!["annotationid"]!.GetValue<string>());
        return _notes.TryAdd(id, (JsonObject)body.DeepClone()) ? Created(http, "annotations", id) : Error(412, "0x80040237", "Cannot insert duplicate key.");
    }

    private IResult Created(HttpContext http, string set, Guid id)
    {
        http.Response.Headers["OData-Version"] = "4.0";
        http.Response.Headers["OData-EntityId"] = $"{Url}{Root}{set}({id})";
        return Results.NoContent();
    }

    private static IResult NotFound(Guid id) => Error(404, "0x80040217", $"lead With Id = {id} Does Not Exist");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, statusCode: status);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Entra ID's part, faked: the token the fake expects, for the scopes asked (or a forged one).</summary>
    public sealed class Credential(string token = Token) : TokenCredential
    {
        public ConcurrentQueue<string> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes) Scopes.Enqueue(scope);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
