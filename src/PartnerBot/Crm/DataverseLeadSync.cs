using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using PartnerBot.Sales.Alerts;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;
using PartnerBot.Webhooks;

namespace PartnerBot.Crm;

/// <summary>
/// Writes a consenting lead to Dataverse through the Web API, from the webhook outbox. The lead is created once
/// (<c>POST leads</c> with its derived <c>leadid</c>: a retry whose first answer was lost meets Dataverse's duplicate-key
/// refusal, never a second row), with a note linking the conversation; every later event writes the lead's current
/// columns and status (<c>PATCH leads(id)</c> with <c>If-Match: *</c>, so an update never re-creates a row sales deleted
/// in Dynamics); an erasure deletes the row. What is written is read from PartnerBot's own record at send time:
/// Dataverse is never read back.
/// </summary>
public sealed partial class DataverseLeadSync(
    IHttpClientFactory httpClients, IOptions<DataverseOptions> options, IConversationRecords records, IWebhookOutbox outbox,
    IOptions<SalesOptions> sales, [FromKeyedServices(DataverseLeadSync.CredentialKey)] TokenCredential credential, ILogger<DataverseLeadSync> logger)
{
    public const string HttpClientName = "Dataverse";
    public const string CredentialKey = "dataverse";

    // Dataverse's error codes: a primary key already used, and a row that does not exist.
    private const string DuplicateKey = "0x80040237";

    public bool Configured => options.Value.Configured;

    /// <summary>The events that change the lead's row; the others (contact.requested) say nothing new to Dynamics.</summary>
    public static bool Takes(string eventType) => eventType is WebhookEventTypes.LeadCreated or WebhookEventTypes.AssessmentFinished
        or WebhookEventTypes.MeetingBooked or WebhookEventTypes.MeetingCancelled or WebhookEventTypes.LeadUpdated
        or WebhookEventTypes.HandoffStarted or WebhookEventTypes.HandoffEnded or WebhookEventTypes.LeadErased;

    public async Task<DeliveryAttempt> SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var key = JsonNode.Parse(delivery.Payload)?["data"]?["lead"]?["key"]?.GetValue<string>();
        if (key is null) return DeliveryAttempt.Pointless("The event names no lead.");
        var row = new Uri(options.Value.ApiRoot, $"leads({DataverseLead.Id(key)})");
        if (delivery.EventType == WebhookEventTypes.LeadErased)
        {
            var (status, error, retryAfter) = await SendAsync(HttpMethod.Delete, row, null, null, cancellationToken);
            // Already gone (never created, or deleted in Dynamics): erased all the same.
            return status is 204 or 404 ? DeliveryAttempt.Done(status) : DeliveryAttempt.Failed(status, error, retryAfter);
        }
        if (delivery.RecordId is null || await records.GetAsync(delivery.RecordId, cancellationToken) is not { Consent: Consent.Granted, Contact: not null } record)
        {
            return DeliveryAttempt.Pointless("The lead has no consent or contact details any more; nothing is written to Dynamics 365.");
        }
        var workspaceUrl = LeadAlertSender.WorkspaceUrl(sales.Value, record.Id);
        var columns = DataverseLead.Columns(record, workspaceUrl);
        var (state, statusReason) = DataverseLead.StateOf(record.FollowUp.Status);

        if (delivery.EventType == WebhookEventTypes.LeadCreated)
        {
            var create = (JsonObject)columns.DeepClone();
            create["leadid"] = DataverseLead.Id(key).ToString();
            if (state == 0) create["statuscode"] = statusReason;
            var (status, error, retryAfter) = await SendAsync(HttpMethod.Post, new Uri(options.Value.ApiRoot, "leads"), create, null, cancellationToken);
            var existed = status == 412 || error?.Contains(DuplicateKey, StringComparison.OrdinalIgnoreCase) == true;
            if (status != 204 && !existed) return DeliveryAttempt.Failed(status, error, retryAfter);
            if (existed || state != 0)
            {
                var update = await UpdateAsync(row, columns, state, statusReason, cancellationToken);
                if (!update.Delivered) return update;
            }
            var (noted, noteError, noteRetry) = await SendAsync(HttpMethod.Post, new Uri(options.Value.ApiRoot, "annotations"), DataverseLead.Note(key, workspaceUrl), null, cancellationToken);
            return noted is 204 or 412 ? DeliveryAttempt.Done(status) : DeliveryAttempt.Failed(noted, noteError, noteRetry);
        }

        var updated = await UpdateAsync(row, columns, state, statusReason, cancellationToken);
        if (updated.Status != 404) return updated;
        // No such row: either its creation is still on its way (try again later), or sales deleted it in Dynamics,
        // which PartnerBot respects rather than re-creating the lead.
        var creation = await outbox.GetAsync(WebhookEvents.IdFor(WebhookEvents.EventKey(record.Id, WebhookEventTypes.LeadCreated, "created"), DataverseOptions.EndpointName), cancellationToken);
        return creation is { Pending: true }
            ? DeliveryAttempt.Failed(404, "The lead is not created in Dynamics 365 yet.")
            : DeliveryAttempt.Pointless("The lead is no longer in Dynamics 365 (deleted there); PartnerBot does not re-create it.", 404);
    }

    private async Task<DeliveryAttempt> UpdateAsync(Uri row, JsonObject columns, int state, int statusReason, CancellationToken cancellationToken)
    {
        var update = (JsonObject)columns.DeepClone();
        update["statecode"] = state;
        update["statuscode"] = statusReason;
        var (status, error, retryAfter) = await SendAsync(HttpMethod.Patch, row, update, "*", cancellationToken);
        return status == 204 ? DeliveryAttempt.Done(status) : DeliveryAttempt.Failed(status, error, retryAfter);
    }

    /// <summary>One Web API request, signed with a token for the environment; the status, Dataverse's error message, and any Retry-After.</summary>
    private async Task<(int? Status, string? Error, TimeSpan? RetryAfter)> SendAsync(HttpMethod method, Uri uri, JsonObject? body, string? ifMatch, CancellationToken cancellationToken)
    {
        AccessToken token;
        try
        {
            token = await credential.GetTokenAsync(new TokenRequestContext([options.Value.Scope]), cancellationToken);
        }
        catch (Exception exception) when (exception is AuthenticationFailedException or CredentialUnavailableException)
        {
            LogNoToken(logger, options.Value.Scope, exception.GetType().Name);
            return (null, "Could not get a token for Dynamics 365; check the app registration and its access to the environment.", null);
        }
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("OData-MaxVersion", "4.0");
        request.Headers.Add("OData-Version", "4.0");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode) return (status, null, null);
        return (status, await ErrorAsync(response, cancellationToken), DeliveryAttempt.RetryAfterOf(response, DateTimeOffset.UtcNow));
    }

    /// <summary>Dataverse's OData error (<c>{"error": {"code", "message"}}</c>), shortened for the workspace.</summary>
    private static async Task<string> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized) return "Dynamics 365 refused the token (401).";
        if ((int)response.StatusCode is >= 300 and < 400) return "redirects are not followed";
        try
        {
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["error"];
            var code = error?["code"]?.GetValue<string>();
            var message = error?["message"]?.GetValue<string>();
            if (message is not null) return $"{code} {(message.Length > 300 ? message[..300] + "…" : message)}".Trim();
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return response.ReasonPhrase ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No token for Dynamics 365 ({Scope}): {Reason}")]
    private static partial void LogNoToken(ILogger logger, string scope, string reason);
}
