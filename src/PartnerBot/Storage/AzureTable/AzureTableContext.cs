using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using PartnerBot.Telemetry;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The one <see cref="TableServiceClient"/> the Azure Table provider's stores share, its two tables, and the
/// mapping of storage faults to <see cref="StorageUnavailableException"/> after the SDK's retries.
/// </summary>
public sealed class AzureTableContext
{
    /// <summary>Per-conversation data: state, ledger, transcript, conversation records, Direct Line log.</summary>
    public TableClient Conversations { get; }

    /// <summary>The newest-first index of conversation records, by month of last activity.</summary>
    public TableClient Leads { get; }

    /// <summary>Who in sales did what, by month, newest first.</summary>
    public TableClient Audit { get; }

    /// <summary>Lead alert subscriptions and the alert outbox.</summary>
    public TableClient Alerts { get; }

    public TableServiceClient Service { get; }

    public TimeProvider Clock { get; }

    public TableSequence Sequence { get; }

    public AzureTableContext(TableServiceClient service, string tablePrefix, TimeProvider clock)
    {
        Service = service;
        Clock = clock;
        Sequence = new TableSequence(clock);
        Conversations = service.GetTableClient(tablePrefix + "conversations");
        Leads = service.GetTableClient(tablePrefix + "leads");
        Audit = service.GetTableClient(tablePrefix + "audit");
        Alerts = service.GetTableClient(tablePrefix + "alerts");
    }

    /// <summary>
    /// Builds the client from the settings. Retries are short: a call waits for storage about 20 seconds at most
    /// (four tries of 4 s) before the user is asked to send the message again, instead of hanging indefinitely.
    /// </summary>
    public static TableServiceClient CreateClient(StorageOptions options, IEnumerable<HttpPipelinePolicy> policies)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(4);
        foreach (var policy in policies) clientOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                return new TableServiceClient(options.ConnectionString, clientOptions);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new StorageStartupException($"{StorageOptions.Section}:ConnectionString is not a valid storage connection string ({exception.Message})", exception);
            }
        }
        if (!Uri.TryCreate(options.TableServiceUri, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new StorageStartupException($"{StorageOptions.Section}:TableServiceUri must be an https address such as https://<account>.table.core.windows.net (or set {StorageOptions.Section}:ConnectionString)");
        }
        // The managed identity named by AZURE_CLIENT_ID in Azure; the developer's sign-in elsewhere.
        return new TableServiceClient(endpoint, new DefaultAzureCredential(), clientOptions);
    }

    private volatile bool _tablesReady;

    /// <summary>Creates the tables when missing (once); an unreachable or refusing account is one clear error naming the setting.</summary>
    public async Task CreateTablesAsync(string setting, CancellationToken cancellationToken)
    {
        if (_tablesReady) return;
        try
        {
            await Conversations.CreateIfNotExistsAsync(cancellationToken);
            await Leads.CreateIfNotExistsAsync(cancellationToken);
            await Audit.CreateIfNotExistsAsync(cancellationToken);
            await Alerts.CreateIfNotExistsAsync(cancellationToken);
            _tablesReady = true;
        }
        catch (Exception exception) when (exception is RequestFailedException or AuthenticationFailedException or AggregateException or HttpRequestException)
        {
            // The SDK's message after retries lists every attempt; the first cause is what the operator needs.
            var cause = exception is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[0] : exception;
            throw new StorageStartupException(
                $"Azure Table storage at {Service.Uri.GetLeftPart(UriPartial.Authority)} could not be used (check {setting}): {FirstLine(cause.Message)}", exception);
        }
    }

    /// <summary>Runs one storage call; faults that outlasted the SDK's retries become <see cref="StorageUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        using var span = PartnerBotTelemetry.StartStorage(Provider, operation);
        try
        {
            return await work();
        }
        catch (RequestFailedException exception) when (IsUnavailable(exception))
        {
            throw Unavailable(span, operation, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(span, operation, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or AggregateException)
        {
            throw Unavailable(span, operation, exception);
        }
    }

    private const string Provider = "azure.table";

    private static StorageUnavailableException Unavailable(System.Diagnostics.Activity? span, string operation, Exception exception)
    {
        PartnerBotTelemetry.StorageFailed(span, Provider, operation);
        return new StorageUnavailableException(operation, exception);
    }

    public async Task RunAsync(string operation, Func<Task> work, CancellationToken cancellationToken) =>
        await RunAsync(operation, async () =>
        {
            await work();
            return true;
        }, cancellationToken);

    /// <summary>The statuses the SDK retries (and "no response at all"): still failing after retries means unavailable.</summary>
    public static bool IsUnavailable(RequestFailedException exception) =>
        exception.Status is 0 or 408 or 429 or 500 or 502 or 503 or 504;

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
