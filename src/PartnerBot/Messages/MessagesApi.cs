using System.Net;
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
        HttpRequest request, BotAdapter adapter, ChannelAuthentication authentication, TrustedServiceUrls trusted, ILoggerFactory loggers,
        TurnGate gate, CancellationToken cancellationToken)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authentication.Validator is not null && ChannelTokenValidator.CheckShape(authorization) is { } malformed)
        {
            // Refused before the body is read: a request that cannot carry a valid token costs no parsing.
            return Rejected(request, loggers, malformed, channelId: null);
        }
        if (authentication.Validator is null && !IsLoopback(request.HttpContext.Connection.RemoteIpAddress))
        {
            return Rejected(request, loggers, AuthenticationOutcome.Forbidden("channel authentication is off and the caller is not on this machine"), channelId: null, LocalOnly);
        }

        var read = await ActivityRequestReader.ReadAsync(request, cancellationToken);
        if (read.Problem is { } problem) return problem;
        var activity = read.Activity!;

        if (authentication.Validator is { } validator)
        {
            var outcome = await validator.ValidateAsync(authorization, activity, cancellationToken);
            if (!outcome.Succeeded) return Rejected(request, loggers, outcome, activity.ChannelId);
            // Only a channel token's serviceurl claim vouches for a service URL; an Emulator or Entra token does not.
            if (outcome.VouchesForServiceUrl && activity.ServiceUrl is { } serviceUrl) trusted.Trust(serviceUrl);
        }
        else if (activity.ServiceUrl is { } serviceUrl && !IsLoopbackUrl(serviceUrl))
        {
            // Without authentication nobody vouches for the service URL: replying to it would make the bot an open
            // relay to any address. The Emulator and local tools use loopback URLs.
            return Rejected(request, loggers, AuthenticationOutcome.Forbidden("channel authentication is off and the serviceUrl is not a loopback address"), activity.ChannelId, LocalOnly);
        }

        // A turn that started runs to its end even if the channel stops waiting: cancelling it half-way would
        // save state whose replies were never sent. Only a shutdown whose drain time ran out stops it, and then it
        // records nothing: the channel's retry runs it on an instance that is up.
        using var lease = gate.TryEnter();
        if (lease is null) return Stopping(request);
        TurnResult result;
        try
        {
            result = await adapter.ProcessActivityAsync(activity, gate.HardStop);
        }
        catch (OperationCanceledException) when (gate.HardStop.IsCancellationRequested)
        {
            return Stopping(request);
        }
        if (result.StatusCode == StatusCodes.Status502BadGateway && result.Body is null)
        {
            return TypedResults.Problem(
                title: "Replies not delivered",
                detail: "The turn was processed, but its replies could not be delivered to the channel. They are kept; send the same activity again to deliver them.",
                statusCode: StatusCodes.Status502BadGateway);
        }
        return result.Body is null
            ? TypedResults.StatusCode(result.StatusCode)
            : TypedResults.Json(result.Body, BotJson.Options, statusCode: result.StatusCode);
    }

    /// <summary>This instance is shutting down: the channel retries the activity (Bot Framework channels retry 503).</summary>
    internal static IResult Stopping(HttpRequest request)
    {
        request.HttpContext.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(title: "Shutting down", detail: "This instance is stopping and takes no new turns; send the activity again.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private const string LocalOnly =
        "This bot runs without channel authentication (no MicrosoftAppId), so it accepts activities only from this machine and replies only to loopback service URLs.";

    /// <summary>An in-process host (tests) has no remote address; a socket always has one.</summary>
    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);

    private static bool IsLoopbackUrl(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));

    /// <summary>A security event: who knocked and why they were refused, never the token or the body.</summary>
    private static IResult Rejected(HttpRequest request, ILoggerFactory loggers, AuthenticationOutcome outcome, string? channelId, string? detail = null)
    {
        LogRejected(loggers.CreateLogger("PartnerBot.Security"), outcome.StatusCode, outcome.Reason, LogValue.Clean(channelId), request.HttpContext.Connection.RemoteIpAddress?.ToString());
        return TypedResults.Problem(
            title: outcome.StatusCode == StatusCodes.Status403Forbidden ? "Forbidden" : "Unauthorized",
            detail: detail ?? "The request's channel token was not accepted.",
            statusCode: outcome.StatusCode);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Rejected an activity with {StatusCode}: {Reason} (channel {ChannelId}, from {RemoteAddress})")]
    private static partial void LogRejected(ILogger logger, int statusCode, string reason, string? channelId, string? remoteAddress);
}
