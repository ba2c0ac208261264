using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.DirectLine;

/// <summary>
/// <c>POST /api/directline/token</c>: where the chat page gets its Direct Line token. With a Direct Line secret
/// configured, the token comes from Azure Bot Service (the secret stays on the server); otherwise from the
/// embedded Direct Line. The answer names the Direct Line domain to use, so the page works the same either way.
/// A returning visitor sends their previous token to continue their conversation.
/// </summary>
public static partial class DirectLineTokenApi
{
    public const string CorsPolicy = "DirectLineToken";
    public const string AzureHttpClient = "AzureDirectLine";

    /// <summary>A returning visitor's previous token and user id (the page keeps both); both optional.</summary>
    public sealed record TokenRequest(string? Resume, string? UserId);

    public sealed record TokenResponse(string Token, string ConversationId, string UserId, int ExpiresIn, string Domain);

    public static IEndpointRouteBuilder MapDirectLineToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/directline/token", IssueAsync).RequireCors(CorsPolicy).RequireRateLimiting(RateLimitPolicies.Token).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(
        HttpRequest request, DirectLineTokens tokens, IDirectLineLog log, IOptions<DirectLineOptions> options,
        IHttpClientFactory http, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var (body, problem) = await ReadBodyAsync(request, ct);
        if (problem is not null) return problem;

        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.Secret))
        {
            var logger = loggers.CreateLogger(typeof(DirectLineTokenApi).FullName!);
            var issued = await FromAzureAsync(http.CreateClient(AzureHttpClient), settings, body, logger, ct);
            return issued is null
                ? TypedResults.Problem(title: "Direct Line unavailable", detail: "Could not get a Direct Line token; please try again.", statusCode: 502)
                : TypedResults.Ok(issued);
        }

        var domain = $"{request.Scheme}://{request.Host}{request.PathBase}{DirectLineApi.Prefix}";
        var (status, claims) = tokens.Validate(body?.Resume);
        var resumable = claims is not null
            && (status == DirectLineTokens.Status.Valid || (status == DirectLineTokens.Status.Expired && claims.ExpiresAt.AddDays(settings.ResumeWindowDays) > clock.GetUtcNow()))
            && !DirectLineApi.IsPastMaximumAge(claims, settings, clock)
            && await log.ConversationExistsAsync(claims.ConversationId, ct);
        var conversationId = resumable ? claims!.ConversationId : DirectLineTokens.NewId();
        var userId = resumable ? claims!.UserId : "dl_" + DirectLineTokens.NewId();
        if (!resumable) await log.CreateConversationAsync(conversationId, userId, ct);
        var token = tokens.Issue(conversationId, userId, resumable ? claims!.ConversationStartedAt : null);
        return TypedResults.Ok(new TokenResponse(token, conversationId, userId, (int)tokens.Lifetime.TotalSeconds, domain));
    }

    private const int MaxBodyBytes = 8192;

    /// <summary>The optional JSON body; anything else is refused with a problem that says what to send.</summary>
    private static async Task<(TokenRequest? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        const string Expected = "Send an empty body, or JSON like {\"resume\": \"<previous token>\"} with Content-Type: application/json.";
        var tooLarge = (default(TokenRequest), (IResult?)TypedResults.Problem(title: "Request too large", detail: $"The body is limited to {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge));
        if (request.ContentLength > MaxBodyBytes) return tooLarge;

        // Read with a bound whether or not the length was announced (chunked, HTTP/2), then judge what came.
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return tooLarge;
        }
        if (buffer.Length == 0) return (null, null);
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(title: "Unsupported content type", detail: Expected, statusCode: StatusCodes.Status415UnsupportedMediaType));
        }
        try
        {
            return (System.Text.Json.JsonSerializer.Deserialize<TokenRequest>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), BotJson.Options), null);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, TypedResults.Problem(title: "Invalid request", detail: Expected, statusCode: StatusCodes.Status400BadRequest));
        }
    }

    /// <summary>
    /// Azure's Direct Line: refresh the visitor's token when it is still valid (same conversation), otherwise
    /// generate a new one for a new <c>dl_</c> user. The secret only ever goes to the configured endpoint.
    /// </summary>
    private static async Task<TokenResponse?> FromAzureAsync(HttpClient client, DirectLineOptions settings, TokenRequest? visitor, ILogger logger, CancellationToken ct)
    {
        var endpoint = settings.Endpoint.TrimEnd('/');
        // A token Azure issued cannot be read here, so the user id of a refreshed token is the one the page kept.
        if (visitor is { Resume: { Length: > 0 } resume, UserId: { Length: > 0 } visitorId } && visitorId.StartsWith("dl_", StringComparison.Ordinal))
        {
            using var refresh = new HttpRequestMessage(HttpMethod.Post, endpoint + "/tokens/refresh");
            refresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", resume);
            using var refreshed = await client.SendAsync(refresh, ct);
            if (refreshed.IsSuccessStatusCode && await refreshed.Content.ReadFromJsonAsync<DirectLineConversation>(BotJson.Options, ct) is { Token: not null, ConversationId: not null } renewed)
            {
                return new TokenResponse(renewed.Token, renewed.ConversationId, visitorId, renewed.ExpiresIn, endpoint);
            }
        }

        var userId = "dl_" + DirectLineTokens.NewId();
        using var generate = new HttpRequestMessage(HttpMethod.Post, endpoint + "/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret);
        using var response = await client.SendAsync(generate, ct);
        if (!response.IsSuccessStatusCode)
        {
            LogAzureRefused(logger, (int)response.StatusCode);
            return null;
        }
        var conversation = await response.Content.ReadFromJsonAsync<DirectLineConversation>(BotJson.Options, ct);
        return conversation is { Token: not null, ConversationId: not null }
            ? new TokenResponse(conversation.Token, conversation.ConversationId, userId, conversation.ExpiresIn, endpoint)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Direct Line refused to generate a token (HTTP {StatusCode}); check DirectLine:Secret")]
    private static partial void LogAzureRefused(ILogger logger, int statusCode);
}
