using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Alerts;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Workspace;

/// <summary>
/// The sales workspace's JSON API under <c>/api/sales</c>: the pages use it, and so can the partner's CRM with a
/// bearer token. Errors are problem details; every view of a transcript, every change, export and erasure is in
/// the audit log.
/// </summary>
public static class SalesApi
{
    public static IEndpointRouteBuilder MapSalesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/sales").AddEndpointFilter(RequireAccessAsync);
        api.MapGet("/me", (HttpContext context) => TypedResults.Ok(new { User(context).Person.Id, User(context).Person.Name, mode = User(context).LocalMode ? "local" : "entra" }));
        api.MapGet("/conversations", ListAsync);
        api.MapGet("/conversations/{key}", GetAsync);
        api.MapPatch("/conversations/{key}", UpdateAsync);
        api.MapDelete("/conversations/{key}", EraseAsync);
        api.MapPost("/erasures", EraseByEmailAsync);
        api.MapGet("/export.csv", ExportAsync);
        api.MapGet("/funnel", FunnelAsync);
        api.MapGet("/funnel/questions.csv", FunnelQuestionsCsvAsync);
        api.MapGet("/questions", QuestionsAsync);
        api.MapWebhookDeliveries();
        api.MapGet("/audit", async (IAuditLog audit, int? limit, CancellationToken ct) => TypedResults.Ok(await audit.ReadAsync(limit ?? 100, ct)));
        return endpoints;
    }

    private static async ValueTask<object?> RequireAccessAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var (user, denied) = await context.RequestServices.GetRequiredService<SalesAccess>().CheckAsync(context, page: false);
        if (denied is not null) return denied;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !context.Request.Headers.ContainsKey(SalesAccess.RequestHeader))
        {
            return TypedResults.Problem(title: "Missing request header", detail: $"Changes need the {SalesAccess.RequestHeader} header.", statusCode: StatusCodes.Status400BadRequest);
        }
        context.Items[typeof(SalesUser)] = user;
        context.Response.Headers.CacheControl = "no-store";
        return await next(invocation);
    }

    /// <summary>How many of the latest conversations the list of unanswered questions looks through.</summary>
    public const int QuestionScanLimit = 2_000;

    /// <summary>
    /// The questions prospects asked that the knowledge base could not answer, newest first, each with its
    /// conversation: what sales should answer, and what the knowledge base should learn. It reads the latest
    /// <see cref="QuestionScanLimit"/> conversations.
    /// </summary>
    private static async Task<IResult> QuestionsAsync(IConversationRecords records, int? limit, CancellationToken ct)
    {
        var wanted = Math.Clamp(limit ?? 50, 1, 500);
        var found = new List<UnansweredQuestionItem>();
        string? token = null;
        var scanned = 0;
        do
        {
            var page = await records.QueryAsync(new ConversationQuery { PageSize = 200, ContinuationToken = token }, ct);
            foreach (var record in page.Records)
            {
                found.AddRange(LeadViews.UnansweredQuestions(record).Select(q => new UnansweredQuestionItem(q.Text, q.AskedAt, SalesKeys.Encode(record.Id), LeadViews.ListItem(record).Display)));
            }
            scanned += page.Records.Count;
            token = page.ContinuationToken;
        }
        while (token is not null && scanned < QuestionScanLimit);
        return TypedResults.Ok(new { items = found.OrderByDescending(q => q.AskedAt).Take(wanted), scanned });
    }

    public sealed record UnansweredQuestionItem(string Question, DateTimeOffset AskedAt, string Key, string Display);

    internal static SalesUser User(HttpContext context) => (SalesUser)context.Items[typeof(SalesUser)]!;

    private static async Task<IResult> ListAsync(HttpContext context, IConversationRecords records, TimeProvider clock, CancellationToken ct)
    {
        var (query, errors) = SalesQuery.Parse(context.Request.Query, User(context).Person, clock.GetUtcNow());
        if (errors is not null) return TypedResults.ValidationProblem(errors, title: "The filters could not be read.");
        try
        {
            var page = await records.QueryAsync(query!, ct);
            return TypedResults.Ok(new { items = page.Records.Select(LeadViews.ListItem), next = page.ContinuationToken });
        }
        catch (ArgumentException exception) when (exception.ParamName == "token")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = [exception.Message] }, title: "The filters could not be read.");
        }
    }

    private static async Task<IResult> GetAsync(HttpContext context, string key, IConversationRecords records, ITranscriptStore transcripts, IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (SalesKeys.Decode(key) is not { } id || await records.GetAsync(id, ct) is not { } record) return NotFound();
        var transcript = await transcripts.GetTranscriptAsync(record.ConversationId, ct);
        await AuditAsync(context, audit, clock, "view", id, null, ct);
        context.Response.Headers.ETag = ETag(record.FollowUp.Version);
        return TypedResults.Json(LeadViews.Detail(record, transcript), BotJson.Options);
    }

    public sealed record FollowUpPatch(string? Status, JsonNode? Owner, string? Note);

    private static async Task<IResult> UpdateAsync(HttpContext context, string key, IConversationRecords records, IAuditLog audit, PartnerBot.Webhooks.WebhookEvents webhooks,
        TimeProvider clock, CancellationToken ct)
    {
        if (SalesKeys.Decode(key) is not { } id) return NotFound();
        if (!TryReadVersion(context.Request.Headers.IfMatch.ToString(), out var version))
        {
            return TypedResults.Problem(title: "If-Match required", detail: "Send the ETag of the conversation you edited in If-Match, so a colleague's change is never overwritten.",
                statusCode: StatusCodes.Status428PreconditionRequired);
        }
        if (!context.Request.HasJsonContentType()) return NotJson();
        FollowUpPatch? patch;
        try
        {
            patch = await context.Request.ReadFromJsonAsync<FollowUpPatch>(JsonSerializerOptions.Web, ct);
        }
        catch (JsonException exception)
        {
            return TypedResults.Problem(title: "The body is not valid JSON.", detail: exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        var me = User(context).Person;
        var (change, errors) = ChangeOf(patch, me, clock.GetUtcNow());
        if (errors is not null) return TypedResults.ValidationProblem(errors, title: "The change could not be read.");

        var result = await records.UpdateFollowUpAsync(id, change!, version, ct);
        switch (result.Outcome)
        {
            case FollowUpOutcome.NotFound:
                return NotFound();
            case FollowUpOutcome.Conflict:
                context.Response.Headers.ETag = ETag(result.Record!.FollowUp.Version);
                return TypedResults.Json(new
                {
                    type = "https://tools.ietf.org/html/rfc9110#section-15.5.13",
                    title = "Someone else saved this conversation first.",
                    status = StatusCodes.Status412PreconditionFailed,
                    detail = "Nothing was changed. Here is the conversation as it is now; apply your change to it again.",
                    current = LeadViews.ListItem(result.Record),
                    followUp = result.Record.FollowUp,
                }, BotJson.Options, "application/problem+json", StatusCodes.Status412PreconditionFailed);
        }
        await webhooks.OnFollowUpChangedAsync(result.Record!, ct);
        await AuditAsync(context, audit, clock, "update", id, string.Join("; ", new[] { patch!.Status is { } s ? "status " + s : null, patch.Owner is not null ? "owner" : null, patch.Note is not null ? "note" : null }.OfType<string>()), ct);
        context.Response.Headers.ETag = ETag(result.Record!.FollowUp.Version);
        return TypedResults.Json(new { lead = LeadViews.ListItem(result.Record), followUp = result.Record.FollowUp }, BotJson.Options);
    }

    /// <summary>What the patch changes, applied to whatever follow-up is stored; each change leaves a timeline entry.</summary>
    private static (Func<FollowUp, FollowUp>? Change, Dictionary<string, string[]>? Errors) ChangeOf(FollowUpPatch? patch, SalesPerson me, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (patch is null || (patch.Status is null && patch.Owner is null && patch.Note is null))
        {
            return (null, new() { ["body"] = ["Send at least one of status, owner, note."] });
        }
        FollowUpStatus? status = null;
        if (patch.Status is { } text)
        {
            if (SalesQuery.TryParseName<FollowUpStatus>(text, out var parsed)) status = parsed;
            else errors["status"] = [SalesQuery.NotOneOf<FollowUpStatus>(text)];
        }
        SalesPerson? owner = null;
        var clearOwner = false;
        switch (patch.Owner)
        {
            case null:
                break;
            case JsonValue value when value.TryGetValue<string>(out var word) && word == "me":
                owner = me;
                break;
            case JsonValue value when value.TryGetValue<string>(out var word) && word == "none":
                clearOwner = true;
                break;
            case JsonObject person when person["id"]?.GetValueKind() == JsonValueKind.String && person["name"]?.GetValueKind() == JsonValueKind.String
                && person["id"]!.GetValue<string>().Length is > 0 and <= 200 && person["name"]!.GetValue<string>().Length is > 0 and <= 200:
                owner = new SalesPerson(person["id"]!.GetValue<string>(), person["name"]!.GetValue<string>());
                break;
            default:
                errors["owner"] = ["'owner' is \"me\", \"none\" or {\"id\": …, \"name\": …}."];
                break;
        }
        var note = patch.Note?.Trim();
        if (patch.Note is not null && (note!.Length == 0 || note.Length > FollowUp.MaxNoteLength)) errors["note"] = [$"A note is 1 to {FollowUp.MaxNoteLength} characters."];
        if (errors.Count > 0) return (null, errors);

        return (followUp =>
        {
            var next = followUp;
            if (status is { } s && s != next.Status) next = next.With(new FollowUpEvent(now, me, FollowUpEventKind.Status, $"{next.Status} → {s}".ToLowerInvariant())) with { Status = s };
            if (owner is not null && owner != next.Owner) next = next.With(new FollowUpEvent(now, me, FollowUpEventKind.Owner, $"assigned to {owner.Name}")) with { Owner = owner };
            if (clearOwner && next.Owner is not null) next = next.With(new FollowUpEvent(now, me, FollowUpEventKind.Owner, "unassigned")) with { Owner = null };
            if (note is not null) next = next.With(new FollowUpEvent(now, me, FollowUpEventKind.Note, note));
            return next;
        }, null);
    }

    private static async Task<IResult> EraseAsync(HttpContext context, string key, IConversationErasure erasure, LeadAlertCards alertCards, PartnerBot.Webhooks.WebhookEvents webhooks,
        IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (SalesKeys.Decode(key) is not { } id) return NotFound();
        // The alert cards in Teams show the lead's contact details: they go first, while their message ids are known.
        await alertCards.ForgetAsync(id, ct);
        if (!await erasure.EraseAsync(id, ct)) return NotFound();
        await webhooks.OnErasedAsync(id, ct);
        await AuditAsync(context, audit, clock, "erase", id, null, ct);
        return TypedResults.NoContent();
    }

    public sealed record ErasureRequest(string? Email);

    private static async Task<IResult> EraseByEmailAsync(HttpContext context, IConversationRecords records, IConversationErasure erasure, LeadAlertCards alertCards,
        PartnerBot.Webhooks.WebhookEvents webhooks, IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (!context.Request.HasJsonContentType()) return NotJson();
        ErasureRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<ErasureRequest>(JsonSerializerOptions.Web, ct);
        }
        catch (JsonException exception)
        {
            return TypedResults.Problem(title: "The body is not valid JSON.", detail: exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        var email = request?.Email?.Trim();
        if (email is not { Length: > 2 and <= 254 } || !email.Contains('@', StringComparison.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["An e-mail address is required."] });
        }
        var erased = new List<string>();
        while (true)
        {
            // Each round erases what it found, so the next query starts again from the top until nothing matches.
            var page = await records.QueryAsync(new ConversationQuery { Email = email, PageSize = 100 }, ct);
            var before = erased.Count;
            foreach (var record in page.Records)
            {
                await alertCards.ForgetAsync(record.Id, ct);
                if (!await erasure.EraseAsync(record.Id, ct)) continue;
                erased.Add(record.Id);
                await webhooks.OnErasedAsync(record.Id, ct);
            }
            // A round that erased nothing found only what another erasure is removing right now: stop, never loop.
            if (page.Records.Count == 0 || erased.Count == before) break;
        }
        // The audit names the conversations, not the address: the log must not keep what was erased.
        await AuditAsync(context, audit, clock, "erase-by-email", $"{erased.Count} conversation(s)", string.Join(", ", erased), ct);
        return TypedResults.Ok(new { erased = erased.Count });
    }

    private static async Task ExportAsync(HttpContext context, IConversationRecords records, IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (query, errors) = SalesQuery.Parse(context.Request.Query, User(context).Person, clock.GetUtcNow(), defaultLimit: 500);
        if (errors is not null)
        {
            await TypedResults.ValidationProblem(errors, title: "The filters could not be read.").ExecuteAsync(context);
            return;
        }
        await AuditAsync(context, audit, clock, "export", AuditedFilter(context.Request.Query), null, ct);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"partnerbot-leads-{clock.GetUtcNow():yyyy-MM-dd}.csv\"";
        await SalesCsv.WriteAsync(context.Response.Body, records, query! with { PageSize = 500, ContinuationToken = null }, ct);
    }

    private static async Task<IResult> FunnelAsync(ISalesStatistics statistics, TimeProvider clock, int? weeks, CancellationToken ct)
    {
        if (weeks is < 1 or > 104) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["weeks"] = ["'weeks' is 1 to 104."] });
        return TypedResults.Ok(await SalesFunnel.ComputeAsync(statistics, clock.GetUtcNow(), weeks ?? 12, ct));
    }

    private static async Task<IResult> FunnelQuestionsCsvAsync(ISalesStatistics statistics, TimeProvider clock, int? weeks, CancellationToken ct)
    {
        if (weeks is < 1 or > 104) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["weeks"] = ["'weeks' is 1 to 104."] });
        var result = await SalesFunnel.ComputeAsync(statistics, clock.GetUtcNow(), weeks ?? 12, ct);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(SalesFunnel.QuestionsCsv(result)), "text/csv; charset=utf-8", "partnerbot-drop-off.csv");
    }

    private static Task AuditAsync(HttpContext context, IAuditLog audit, TimeProvider clock, string action, string target, string? detail, CancellationToken ct)
    {
        var user = User(context).Person;
        return audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), user.Id, user.Name, action, target, detail), ct);
    }

    private static IResult NotJson() =>
        TypedResults.Problem(title: "Send JSON.", detail: "The body must be JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType);

    private static IResult NotFound() => TypedResults.Problem(title: "No such conversation.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The export's filter for the audit log, without the search words: they may be a prospect's name or e-mail.</summary>
    private static string AuditedFilter(IQueryCollection query)
    {
        var parts = query.Where(p => p.Key is not ("q" or "cursor")).Select(p => $"{p.Key}={p.Value}").ToList();
        if (query.ContainsKey("q")) parts.Add("q=(search)");
        return parts.Count == 0 ? "(everything)" : "?" + string.Join('&', parts);
    }

    public static string ETag(long version) => $"\"v{version}\"";

    private static bool TryReadVersion(string header, out long version)
    {
        version = 0;
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        return text.Length > 3 && text[0] == '"' && text[^1] == '"' && text[1] == 'v'
            && long.TryParse(text.AsSpan(2, text.Length - 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version);
    }
}
