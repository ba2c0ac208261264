using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using PartnerBot.Storage;
using StandardWebhooks;

namespace PartnerBot.Webhooks;

/// <summary>
/// Delivers the webhook outbox: each delivery is taken first (so two instances never send it at once), POSTed with
/// the Standard Webhooks headers signed by the endpoint's secret, and marked delivered on a 2xx. Anything else (an
/// error status, a redirect, which is never followed, no answer in time) is tried again with the same
/// <c>webhook-id</c>, after the endpoint's <c>Retry-After</c> or a doubling wait, until <see cref="WebhookOptions.GiveUpHours"/>.
/// A restart finds what was still due; a delivery interrupted by a shutdown is due again at once.
/// </summary>
public sealed partial class WebhookSender(
    IWebhookOutbox outbox, IHttpClientFactory httpClients, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "Webhooks";

    private const int Batch = 50;

    private readonly SemaphoreSlim _wake = new(0, 1);

    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(30, options.Value.TimeoutSeconds * 3));

    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Endpoints.Length == 0) return;
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRoundFailed(logger, exception);
            }
            try
            {
                await _wake.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due now, several at a time; returns how many it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(clock.GetUtcNow(), Batch, cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (delivery, ct) => await SendAsync(delivery, ct));
        return due.Count;
    }

    private async Task SendAsync(WebhookDelivery due, CancellationToken cancellationToken)
    {
        if (await outbox.TryTakeAsync(due, clock.GetUtcNow() + Lease, cancellationToken) is not { } delivery) return;
        var endpoint = options.Value.Endpoints.FirstOrDefault(e => e.DisplayName == delivery.Endpoint);
        if (endpoint is null)
        {
            await outbox.UpdateAsync(delivery with { GivenUp = true, LastError = "The endpoint is no longer configured." }, cancellationToken);
            return;
        }
        int? status = null;
        string? error = null;
        TimeSpan? retryAfter = null;
        try
        {
            using var request = Sign(endpoint, delivery, clock.GetUtcNow());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await outbox.UpdateAsync(delivery with { DeliveredAt = clock.GetUtcNow(), LastStatus = status, LastError = null }, CancellationToken.None);
                return;
            }
            retryAfter = response.Headers.RetryAfter is { } after ? after.Delta ?? (after.Date is { } date ? date - clock.GetUtcNow() : null) : null;
            error = (int)response.StatusCode is >= 300 and < 400 ? "redirects are not followed" : response.ReasonPhrase;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: due again at once, for the next start or another instance (the receiver may have it already;
            // it sees the same webhook-id then).
            using var handBack = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await outbox.UpdateAsync(delivery with { DueAt = clock.GetUtcNow(), LastError = "Interrupted by a shutdown" }, handBack.Token);
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            error = exception is OperationCanceledException ? $"no answer within {options.Value.TimeoutSeconds} s" : "could not connect";
        }

        var now = clock.GetUtcNow();
        var giveUp = now - delivery.CreatedAt > TimeSpan.FromHours(options.Value.GiveUpHours);
        var wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(delivery.Attempts, options.Value.RetrySeconds);
        await outbox.UpdateAsync(delivery with { DueAt = now + wait, GivenUp = giveUp, LastStatus = status, LastError = error }, CancellationToken.None);
        if (giveUp) LogGivenUp(logger, delivery.Endpoint, delivery.Attempts);
        else LogRetry(logger, delivery.Endpoint, status?.ToString(CultureInfo.InvariantCulture) ?? error ?? "failed", wait.TotalSeconds);
    }

    /// <summary>The request with the Standard Webhooks headers; the body is the stored payload, byte for byte.</summary>
    public static HttpRequestMessage Sign(WebhookEndpoint endpoint, WebhookDelivery delivery, DateTimeOffset at)
    {
        var signature = new StandardWebhook(endpoint.Secret).Sign(delivery.Id, at, delivery.Payload);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        return request;
    }

    private static TimeSpan Backoff(int attempts, int first) => TimeSpan.FromSeconds(Math.Min(3600, first * Math.Pow(2, Math.Min(attempts - 1, 12))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending webhooks failed; they stay in the outbox for the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "A webhook to {Endpoint} was not accepted ({Status}); trying again in {Seconds:F0} s")]
    private static partial void LogRetry(ILogger logger, string endpoint, string status, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook to {Endpoint} was given up after {Attempts} attempts")]
    private static partial void LogGivenUp(ILogger logger, string endpoint, int attempts);
}
