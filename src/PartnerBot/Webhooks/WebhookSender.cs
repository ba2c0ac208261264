using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using PartnerBot.Crm;
using PartnerBot.Storage;
using StandardWebhooks;

namespace PartnerBot.Webhooks;

/// <summary>
/// Delivers the webhook outbox (and the writes to Dynamics 365, which share it): each delivery is taken first (so two instances never send it at once), POSTed with
/// the Standard Webhooks headers signed by the endpoint's secret, and marked delivered on a 2xx. Anything else (an
/// error status, a redirect, which is never followed, no answer in time) is tried again with the same
/// <c>webhook-id</c>, after the endpoint's <c>Retry-After</c> or a doubling wait, until <see cref="WebhookOptions.GiveUpHours"/>.
/// A restart finds what was still due; a delivery interrupted by a shutdown is due again at once. An endpoint that fails
/// for <see cref="WebhookOptions.DisableAfterHours"/> without a success is disabled: its deliveries wait, kept, until
/// it is enabled again.
/// </summary>
public sealed partial class WebhookSender(
    IWebhookOutbox outbox, IHttpClientFactory httpClients, IOptions<WebhookOptions> options, DataverseLeadSync dataverse, TimeProvider clock,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "Webhooks";

    private const int Batch = 50;

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Each endpoint's health as last read or written; read again every round (another instance may have changed it).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, WebhookEndpointState> _endpoints = new(StringComparer.Ordinal);

    /// <summary>How long a delivery to a disabled endpoint waits before it is looked at again (enabling makes it due at once).</summary>
    private static readonly TimeSpan Held = TimeSpan.FromDays(1);

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
        if (options.Value.Endpoints.Length == 0 && !dataverse.Configured) return;
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
        foreach (var state in await outbox.EndpointStatesAsync(cancellationToken)) _endpoints[state.Endpoint] = state;
        var due = await outbox.DueAsync(clock.GetUtcNow(), Batch, cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (delivery, ct) => await SendAsync(delivery, ct));
        return due.Count;
    }

    private async Task SendAsync(WebhookDelivery due, CancellationToken cancellationToken)
    {
        // Not cancelled half-way: a take that committed while its caller gave up would leave the delivery leased,
        // unseen by the next start until the lease ran out. A stop during the attempt hands it back (below).
        if (await outbox.TryTakeAsync(due, clock.GetUtcNow() + Lease, CancellationToken.None) is not { } delivery) return;
        if (_endpoints.TryGetValue(delivery.Endpoint, out var endpointState) && endpointState.Disabled)
        {
            await outbox.UpdateAsync(delivery with { DueAt = clock.GetUtcNow() + Held, Attempts = delivery.Attempts - 1, LastError = "Held: the endpoint is disabled" }, CancellationToken.None);
            return;
        }
        DeliveryAttempt attempt;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            attempt = delivery.Endpoint == DataverseOptions.EndpointName && dataverse.Configured
                ? await dataverse.SendAsync(delivery, timeout.Token)
                : options.Value.Endpoints.FirstOrDefault(e => e.DisplayName == delivery.Endpoint) is { } endpoint
                    ? await PostAsync(endpoint, delivery, timeout.Token)
                    : DeliveryAttempt.Pointless("The endpoint is no longer configured.");
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
            attempt = DeliveryAttempt.Failed(null, exception is OperationCanceledException ? $"no answer within {options.Value.TimeoutSeconds} s" : "could not connect");
        }
        await RecordAsync(delivery, attempt);
    }

    private async Task<DeliveryAttempt> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = Sign(endpoint, delivery, clock.GetUtcNow());
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode) return DeliveryAttempt.Done(status);
        return DeliveryAttempt.Failed(status, status is >= 300 and < 400 ? "redirects are not followed" : response.ReasonPhrase,
            DeliveryAttempt.RetryAfterOf(response, clock.GetUtcNow()));
    }

    /// <summary>Delivered; or due again after the receiver's Retry-After or a doubling wait; or given up.</summary>
    private async Task RecordAsync(WebhookDelivery delivery, DeliveryAttempt attempt)
    {
        var now = clock.GetUtcNow();
        if (attempt.Delivered)
        {
            await outbox.UpdateAsync(delivery with { DeliveredAt = now, LastStatus = attempt.Status, LastError = null }, CancellationToken.None);
            await TrackSuccessAsync(delivery.Endpoint);
            return;
        }
        var giveUp = attempt.GiveUp || now - delivery.CreatedAt > TimeSpan.FromHours(options.Value.GiveUpHours);
        var wait = attempt.RetryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(delivery.Attempts, options.Value.RetrySeconds);
        await outbox.UpdateAsync(delivery with { DueAt = now + wait, GivenUp = giveUp, LastStatus = attempt.Status, LastError = attempt.Error }, CancellationToken.None);
        if (giveUp) LogGivenUp(logger, delivery.Endpoint, delivery.Attempts, attempt.Error ?? "");
        else LogRetry(logger, delivery.Endpoint, attempt.Status?.ToString(CultureInfo.InvariantCulture) ?? attempt.Error ?? "failed", wait.TotalSeconds);
        if (!attempt.GiveUp) await TrackFailureAsync(delivery.Endpoint, now);
    }

    /// <summary>A success ends the endpoint's failing spell (written only when there was one).</summary>
    private async Task TrackSuccessAsync(string endpoint)
    {
        if (!_endpoints.TryGetValue(endpoint, out var state) || state is { FailingSince: null, DisabledAt: null }) return;
        var healthy = new WebhookEndpointState(endpoint);
        _endpoints[endpoint] = healthy;
        await outbox.SaveEndpointStateAsync(healthy, CancellationToken.None);
    }

    /// <summary>
    /// The first failure starts a failing spell; a failure <see cref="WebhookOptions.DisableAfterHours"/> into it
    /// disables the endpoint. A delivery given up as pointless (its lead is gone) says nothing about the endpoint.
    /// </summary>
    private async Task TrackFailureAsync(string endpoint, DateTimeOffset now)
    {
        var state = _endpoints.GetValueOrDefault(endpoint) ?? new WebhookEndpointState(endpoint);
        WebhookEndpointState next;
        if (state.FailingSince is not { } since) next = state with { FailingSince = now };
        else if (!state.Disabled && now - since >= TimeSpan.FromHours(options.Value.DisableAfterHours)) next = state with { DisabledAt = now };
        else return;
        _endpoints[endpoint] = next;
        await outbox.SaveEndpointStateAsync(next, CancellationToken.None);
        if (next.Disabled) LogDisabled(logger, endpoint, (now - next.FailingSince!.Value).TotalHours);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The endpoint {Endpoint} is disabled after failing for {Hours:F1} h; its deliveries wait until it is enabled again in the workspace")]
    private static partial void LogDisabled(ILogger logger, string endpoint, double hours);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook to {Endpoint} was given up after {Attempts} attempts: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, string endpoint, int attempts, string reason);
}
