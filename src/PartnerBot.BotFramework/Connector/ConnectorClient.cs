using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST API (v3) for one channel service URL: send, reply, update and delete activities.
/// Transient failures (408, 412, 429, 502, 503, 504) are retried with exponential back-off and jitter,
/// honouring <c>Retry-After</c>. Responses are read only up to a small limit: a Connector answers with a short
/// JSON object, and a service that streams more is not allowed to make the bot buffer it.
/// </summary>
public sealed class ConnectorClient(HttpClient http, Uri serviceUrl, IConnectorCredentials credentials, ConnectorRetryPolicy? retry = null)
{
    /// <summary>The most of a response body that is read (a resource response is a few dozen bytes).</summary>
    public const int MaxResponseBytes = 16 * 1024;

    private readonly ConnectorRetryPolicy _retry = retry ?? ConnectorRetryPolicy.Default;

    public Uri ServiceUrl { get; } = serviceUrl;

    public Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken);

    public Task<ResourceResponse> ReplyToActivityAsync(string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task<ResourceResponse> SendAsync(HttpMethod method, string path, Activity? activity, CancellationToken cancellationToken)
    {
        var uri = new Uri(EnsureTrailingSlash(ServiceUrl), path);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (activity is not null) request.Content = JsonContent.Create(activity, options: BotJson.Options);
            var token = await credentials.GetTokenAsync(ServiceUrl, cancellationToken);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                if (method == HttpMethod.Delete || response.Content.Headers.ContentLength == 0) return new ResourceResponse();
                // An oversized answer is not a resource response; the activity was accepted, so its id is simply unknown.
                var text = await ReadLimitedAsync(response.Content, cancellationToken);
                if (string.IsNullOrWhiteSpace(text)) return new ResourceResponse();
                try
                {
                    return BotJson.Deserialize<ResourceResponse>(text) ?? new ResourceResponse();
                }
                catch (System.Text.Json.JsonException)
                {
                    return new ResourceResponse();
                }
            }

            if (!ConnectorRetryPolicy.IsTransient(response.StatusCode) || attempt >= _retry.MaxAttempts)
            {
                var body = await ReadLimitedAsync(response.Content, cancellationToken) ?? "(response body too large)";
                var retryAfter = response.Headers.RetryAfter is { } after ? after.Delta ?? (after.Date is { } date ? date - DateTimeOffset.UtcNow : null) : null;
                throw new ConnectorException(response.StatusCode, method.Method, uri.GetLeftPart(UriPartial.Authority), Truncate(body), retryAfter);
            }
            await Task.Delay(_retry.DelayFor(attempt, response.Headers.RetryAfter), cancellationToken);
        }
    }

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary>The body as text, or null when it is longer than <see cref="MaxResponseBytes"/> (the rest is never read).</summary>
    private static async Task<string?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        // Pooled: every reply's answer is read through here, and most are a few dozen bytes.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxResponseBytes + 1);
        try
        {
            var total = 0;
            int read;
            while (total <= MaxResponseBytes && (read = await stream.ReadAsync(buffer.AsMemory(total, MaxResponseBytes + 1 - total), cancellationToken)) > 0) total += read;
            return total > MaxResponseBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, total);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Truncate(string body) => body.Length <= 500 ? body : body[..500];
}
