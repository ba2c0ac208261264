using System.Net;

namespace PartnerBot.BotFramework.Connector;

/// <summary>The Connector refused an activity. Carries the status and the channel's error body, never the token.</summary>
public sealed class ConnectorException(HttpStatusCode statusCode, string method, string host, string responseBody, TimeSpan? retryAfter = null)
    : HttpRequestException($"The Bot Connector at {host} answered {method} with {(int)statusCode} {statusCode}: {responseBody}", null, statusCode)
{
    public string ResponseBody { get; } = responseBody;

    /// <summary>How long the channel asked to wait (429, 503), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
