using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PartnerBot.Advisor;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Hosting;
using PartnerBot.Messages;

namespace PartnerBot.DirectLine;

/// <summary>
/// A Direct Line 3.0 service inside PartnerBot, so the official Web Chat (botframework-directlinejs) works with
/// no Azure account: tokens, conversations, activities (post and poll) and the WebSocket stream. Errors use
/// Direct Line's codes (401 no token, 403 a wrong or expired token, 404 an unknown conversation, 413 too large),
/// in a problem-details body that also carries Direct Line's <c>error</c> object. Every endpoint is rate-limited
/// per client address (<see cref="RateLimitPolicies"/>).
/// </summary>
public static class DirectLineApi
{
    public const string Prefix = "/v3/directline";
    public const string BotId = "partnerbot";

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).DisableAntiforgery();
        group.MapPost("/tokens/generate", GenerateTokenAsync).RequireRateLimiting(RateLimitPolicies.Token);
        group.MapPost("/tokens/refresh", RefreshToken).RequireRateLimiting(RateLimitPolicies.Token);
        group.MapPost("/conversations", StartConversationAsync).RequireRateLimiting(RateLimitPolicies.ConversationStart);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync).RequireRateLimiting(RateLimitPolicies.Read);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).RequireRateLimiting(RateLimitPolicies.Post);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).RequireRateLimiting(RateLimitPolicies.Read);
        group.Map("/conversations/{conversationId}/stream", StreamAsync).RequireRateLimiting(RateLimitPolicies.Read);
        return endpoints;
    }

    private static async Task<IResult> GenerateTokenAsync(HttpRequest request, DirectLineTokens tokens, IDirectLineLog log, IOptions<DirectLineOptions> options, CancellationToken ct)
    {
        var secret = options.Value.EmbeddedSecret;
        if (string.IsNullOrEmpty(secret) || BearerOf(request) is not { } presented
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(secret)))
        {
            return Error(StatusCodes.Status403Forbidden, "BadSecret", "The secret is not valid for this Direct Line endpoint.");
        }
        var userId = await ReadUserIdAsync(request, ct);
        var conversationId = DirectLineTokens.NewId();
        await log.CreateConversationAsync(conversationId, userId, ct);
        return Json(Describe(request, tokens, conversationId, tokens.Issue(conversationId, userId), watermark: null, withStream: false));
    }

    private static IResult RefreshToken(HttpRequest request, DirectLineTokens tokens, IOptions<DirectLineOptions> options, TimeProvider clock)
    {
        if (Authenticate(request, tokens, out var claims) is { } failure) return failure;
        if (IsPastMaximumAge(claims, options.Value, clock))
        {
            return Error(StatusCodes.Status403Forbidden, "TokenExpired", "The conversation has reached its maximum age; start a new conversation.");
        }
        var renewed = tokens.Issue(claims.ConversationId, claims.UserId, claims.ConversationStartedAt);
        return Json(Describe(request, tokens, claims.ConversationId, renewed, watermark: null, withStream: false));
    }

    /// <summary>A conversation can be refreshed or resumed only until its maximum age, counted from its start.</summary>
    internal static bool IsPastMaximumAge(DirectLineTokens.Claims claims, DirectLineOptions options, TimeProvider clock) =>
        claims.ConversationStartedAt + options.MaxConversationAge <= clock.GetUtcNow();

    private static async Task<IResult> StartConversationAsync(HttpRequest request, DirectLineTokens tokens, IDirectLineLog log, CancellationToken ct)
    {
        if (Authenticate(request, tokens, out var claims) is { } failure) return failure;
        var created = await log.CreateConversationAsync(claims.ConversationId, claims.UserId, ct);
        var body = Describe(request, tokens, claims.ConversationId, BearerOf(request)!, watermark: null, withStream: true);
        return Json(body, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, IDirectLineLog log, CancellationToken ct)
    {
        if (AuthorizeConversation(request, tokens, conversationId, out _) is { } failure) return failure;
        if (!await log.ConversationExistsAsync(conversationId, ct)) return NotFound();
        if (ParseWatermark(watermark, out var mark) is { } bad) return bad;
        return Json(Describe(request, tokens, conversationId, BearerOf(request)!, mark, withStream: true));
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId, HttpRequest request, DirectLineTokens tokens, IDirectLineLog log, DirectLineStreams streams,
        DirectLineDelivery delivery, BotAdapter adapter, PartitionedRateLimiter<string> postLimiter,
        IOptions<DirectLineOptions> options, IOptions<AdvisorOptions> advisor, TimeProvider clock, TurnGate gate, PartnerBot.Handoff.LiveChatDesk liveChat, CancellationToken ct)
    {
        if (AuthorizeConversation(request, tokens, conversationId, out var claims) is { } failure) return failure;
        if (!await log.ConversationExistsAsync(conversationId, ct)) return NotFound();

        var read = await ActivityRequestReader.ReadAsync(request, ct, requireRouting: false, maxBytes: options.Value.MaxActivityBytes);
        if (read.Activity is null)
        {
            return read.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Error(read.StatusCode, "MessageSizeTooBig", read.Detail!)
                : Error(read.StatusCode, "BadArgument", read.Detail!);
        }

        // The service, not the client, decides who is speaking, where and when.
        var activity = read.Activity!;
        activity.ChannelId = Channels.DirectLine;
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.From = new ChannelAccount { Id = claims.UserId, Name = activity.From?.Name, Role = "user" };
        activity.Recipient = new ChannelAccount { Id = BotId, Name = advisor.Value.BotName, Role = "bot" };
        activity.ServiceUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}";
        activity.Timestamp = clock.GetUtcNow();
        activity.DeliveryMode = null;
        activity.Id = null;

        if (activity.IsType(ActivityTypes.Typing))
        {
            // Not a turn: only a colleague chatting with the prospect sees it. Typing has a budget of its own, so that
            // a visitor typing fast never costs a message its place; over it, the indicator is simply not passed on.
            using var typingLease = postLimiter.AttemptAcquire("typing:" + claims.ConversationId + "/" + claims.UserId);
            if (typingLease.IsAcquired)
            {
                try
                {
                    await liveChat.TypingAsync(activity, ct);
                }
                catch (Exception exception) when (exception is PartnerBot.Storage.StorageUnavailableException or HttpRequestException)
                {
                    // A typing indicator that does not get through is simply not shown.
                }
            }
            return TypedResults.Ok(new ResourceResponse { Id = $"{conversationId}|typing" });
        }

        using var lease = postLimiter.AttemptAcquire(claims.ConversationId + "/" + claims.UserId);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            request.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, "Throttled", "Too many activities; slow down.");
        }

        using var turnLease = gate.TryEnter();
        if (turnLease is null)
        {
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The service is restarting; send the activity again.");
        }

        // The echo and the turn are ordered together: whoever echoes first has their turn first, so a reply
        // always follows the message it answers, on the stream and in the log alike.
        using var turn = await streams.BeginTurnAsync(conversationId, ct);

        // Echo first, with the server id and the client's clientActivityID, so Web Chat marks it as sent.
        await streams.AppendAndPublishAsync(conversationId, activity, ct);
        var id = activity.Id!;

        // Like /api/messages: a turn runs to its end even if the client goes away, unless a shutdown's drain time runs out.
        try
        {
            await adapter.ProcessActivityAsync(activity, gate.HardStop, delivery);
        }
        catch (OperationCanceledException) when (gate.HardStop.IsCancellationRequested)
        {
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The service is restarting; send the activity again.");
        }
        return TypedResults.Ok(new ResourceResponse { Id = id });
    }

    /// <summary>One page from the watermark on; the client asks again from the watermark it gets (as it does when polling).</summary>
    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, IDirectLineLog log,
        IOptions<DirectLineOptions> options, CancellationToken ct)
    {
        if (AuthorizeConversation(request, tokens, conversationId, out _) is { } failure) return failure;
        if (!await log.ConversationExistsAsync(conversationId, ct)) return NotFound();
        if (ParseWatermark(watermark, out var mark) is { } bad) return bad;
        var (activities, last) = await log.ReadAsync(conversationId, mark, DirectLinePage.From(options.Value), ct);
        return TypedResults.Json(new ActivitySet { Activities = [.. activities], Watermark = last.ToString(CultureInfo.InvariantCulture) }, BotJson.Options);
    }

    private static async Task<IResult> StreamAsync(string conversationId, string? t, string? watermark, HttpContext context, DirectLineTokens tokens, IDirectLineLog log, DirectLineStreams streams)
    {
        if (!context.WebSockets.IsWebSocketRequest) return Error(StatusCodes.Status400BadRequest, "BadArgument", "This address only accepts WebSocket connections.");
        var (status, claims) = tokens.Validate(t);
        if (TokenFailure(status) is { } failure) return failure;
        if (claims!.ConversationId != conversationId) return WrongConversation();
        if (!await log.ConversationExistsAsync(conversationId, context.RequestAborted)) return NotFound();
        if (ParseWatermark(watermark, out var mark) is { } bad) return bad;

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await streams.RunAsync(conversationId, socket, mark, context.RequestAborted);
        return TypedResults.Empty;
    }

    private static DirectLineConversation Describe(HttpRequest request, DirectLineTokens tokens, string conversationId, string token, long? watermark, bool withStream) => new()
    {
        ConversationId = conversationId,
        Token = token,
        ExpiresIn = (int)tokens.Lifetime.TotalSeconds,
        StreamUrl = withStream
            ? $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}{request.PathBase}{Prefix}/conversations/{Uri.EscapeDataString(conversationId)}/stream"
              + $"?watermark={watermark?.ToString(CultureInfo.InvariantCulture)}&t={Uri.EscapeDataString(token)}"
            : null,
    };

    private static async Task<string> ReadUserIdAsync(HttpRequest request, CancellationToken ct)
    {
        string? requested = null;
        if (request.ContentLength is > 0 and < 4096)
        {
            try
            {
                var body = await JsonSerializer.DeserializeAsync<GenerateTokenRequest>(request.Body, BotJson.Options, ct);
                requested = body?.User?.Id;
            }
            catch (JsonException)
            {
            }
        }
        // Direct Line user ids from a token service carry the "dl_" prefix.
        return requested is { Length: > 0 and <= 128 } id ? (id.StartsWith("dl_", StringComparison.Ordinal) ? id : "dl_" + id) : "dl_" + DirectLineTokens.NewId();
    }

    /// <summary>The optional body of tokens/generate: <c>{"user": {"id": "…"}}</c>.</summary>
    private sealed record GenerateTokenRequest(ChannelAccount? User);

    internal static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
    }

    private static IResult? Authenticate(HttpRequest request, DirectLineTokens tokens, out DirectLineTokens.Claims claims)
    {
        claims = null!;
        var bearer = BearerOf(request);
        if (bearer is null) return Error(StatusCodes.Status401Unauthorized, "MissingToken", "Send 'Authorization: Bearer <token>'.");
        var (status, validated) = tokens.Validate(bearer);
        if (TokenFailure(status) is { } failure) return failure;
        claims = validated!;
        return null;
    }

    private static IResult? AuthorizeConversation(HttpRequest request, DirectLineTokens tokens, string conversationId, out DirectLineTokens.Claims claims)
    {
        if (Authenticate(request, tokens, out claims) is { } failure) return failure;
        return claims.ConversationId == conversationId ? null : WrongConversation();
    }

    private static IResult? TokenFailure(DirectLineTokens.Status status) => status switch
    {
        DirectLineTokens.Status.Valid => null,
        DirectLineTokens.Status.Expired => Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired."),
        _ => Error(StatusCodes.Status403Forbidden, "BadToken", "The token is not valid."),
    };

    private static IResult? ParseWatermark(string? text, out long? watermark)
    {
        watermark = null;
        if (string.IsNullOrEmpty(text)) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            watermark = value;
            return null;
        }
        return Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not valid.");
    }

    private static IResult WrongConversation() => Error(StatusCodes.Status403Forbidden, "BadToken", "The token is not valid for this conversation.");

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");

    /// <summary>Direct Line bodies are camelCase and omit absent fields (no <c>"streamUrl": null</c>).</summary>
    private static IResult Json<T>(T body, int status = StatusCodes.Status200OK) => TypedResults.Json(body, BotJson.Options, statusCode: status);

    /// <summary>
    /// A problem-details body (RFC 9457) that also carries Direct Line's own <c>{"error": {"code", "message"}}</c>,
    /// so a Direct Line client and a generic HTTP client each find what they look for.
    /// </summary>
    private static IResult Error(int status, string code, string message)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Detail = message,
        };
        problem.Extensions["error"] = DirectLineError.Of(code, message).Error;
        return TypedResults.Problem(problem);
    }
}
