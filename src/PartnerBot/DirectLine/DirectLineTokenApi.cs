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
        endpoints.MapPost("/api/directline/token", IssueAsync).RequireCors(CorsPolicy).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(
        HttpRequest request, DirectLineTokens tokens, IDirectLineLog log, IOptions<DirectLineOptions> options,
        IHttpClientFactory http, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        TokenRequest? body = null;
        if (request.ContentLength is > 0 and < 8192)
        {
            try
            {
                body = await request.ReadFromJsonAsync<TokenRequest>(ActivityJson.Options, ct);
            }
            catch (System.Text.Json.JsonException)
            {
                return TypedResults.Problem(title: "Invalid request", detail: "The body must be JSON like {\"resume\": \"<previous token>\"} or empty.", statusCode: 400);
            }
        }

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
            && await log.ConversationExistsAsync(claims.ConversationId, ct);
        var conversationId = resumable ? claims!.ConversationId : DirectLineTokens.NewId();
        var userId = resumable ? claims!.UserId : "dl_" + DirectLineTokens.NewId();
        if (!resumable) await log.CreateConversationAsync(conversationId, userId, ct);
        return TypedResults.Ok(new TokenResponse(tokens.Issue(conversationId, userId), conversationId, userId, (int)tokens.Lifetime.TotalSeconds, domain));
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
            if (refreshed.IsSuccessStatusCode && await refreshed.Content.ReadFromJsonAsync<DirectLineConversation>(ActivityJson.Options, ct) is { Token: not null, ConversationId: not null } renewed)
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
        var conversation = await response.Content.ReadFromJsonAsync<DirectLineConversation>(ActivityJson.Options, ct);
        return conversation is { Token: not null, ConversationId: not null }
            ? new TokenResponse(conversation.Token, conversation.ConversationId, userId, conversation.ExpiresIn, endpoint)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Direct Line refused to generate a token (HTTP {StatusCode}); check DirectLine:Secret")]
    private static partial void LogAzureRefused(ILogger logger, int statusCode);
}
