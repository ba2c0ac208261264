using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Authentication;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Hosting;

namespace PartnerBot.Messages;

/// <summary>
/// The Bot Framework messaging endpoint: one activity in, one turn, the turn's HTTP answer out. With a
/// MicrosoftAppId configured, the channel's bearer token is validated first; a rejected request runs no turn
/// and stores nothing.
/// </summary>
public static partial class MessagesApi
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", PostActivityAsync)
            .WithName("PostActivity")
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> PostActivityAsync(
        HttpRequest request, BotAdapter adapter, IOptions<BotOptions> bot, ChannelAuthentication authentication, TrustedServiceUrls trusted, ILoggerFactory loggers,
        IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (bot.Value.AuthenticationEnabled && string.IsNullOrWhiteSpace(authorization))
        {
            return Rejected(request, loggers, AuthenticationOutcome.Unauthorized("missing Authorization header"), channelId: null);
        }

        var read = await ActivityRequestReader.ReadAsync(request, cancellationToken);
        if (read.Problem is { } problem) return problem;
        var activity = read.Activity!;

        if (authentication.Validator is { } validator)
        {
            var outcome = await validator.ValidateAsync(authorization, activity, cancellationToken);
            if (!outcome.Succeeded) return Rejected(request, loggers, outcome, activity.ChannelId);
            if (activity.ServiceUrl is { } serviceUrl) trusted.Trust(serviceUrl);
        }

        // A turn that started runs to its end even if the channel stops waiting: cancelling it half-way would
        // save state whose replies were never sent. Only shutting down stops it.
        var result = await adapter.ProcessActivityAsync(activity, lifetime.ApplicationStopping);
        return result.Body is null
            ? TypedResults.StatusCode(result.StatusCode)
            : TypedResults.Json(result.Body, ActivityJson.Options, statusCode: result.StatusCode);
    }

    /// <summary>A security event: who knocked and why they were refused, never the token or the body.</summary>
    private static IResult Rejected(HttpRequest request, ILoggerFactory loggers, AuthenticationOutcome outcome, string? channelId)
    {
        LogRejected(loggers.CreateLogger("PartnerBot.Security"), outcome.StatusCode, outcome.Reason, channelId, request.HttpContext.Connection.RemoteIpAddress?.ToString());
        return TypedResults.Problem(
            title: outcome.StatusCode == StatusCodes.Status403Forbidden ? "Forbidden" : "Unauthorized",
            detail: "The request's channel token was not accepted.",
            statusCode: outcome.StatusCode);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Rejected an activity with {StatusCode}: {Reason} (channel {ChannelId}, from {RemoteAddress})")]
    private static partial void LogRejected(ILogger logger, int statusCode, string reason, string? channelId, string? remoteAddress);
}
