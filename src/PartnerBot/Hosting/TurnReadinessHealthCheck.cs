using PartnerBot.ConversationLog;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Sales;

namespace PartnerBot.Hosting;

/// <summary>
/// Ready means a turn could run: the dialog state answers a read through the provider-neutral interface (the
/// provider registers its own deeper check beside this one), and the keys that sign Direct
/// Line tokens and hash declined prospects' ids are loaded (resolving them loads or generates them).
/// </summary>
public sealed class TurnReadinessHealthCheck(IStorage storage, IServiceProvider services) : IHealthCheck
{
    // A key no conversation uses: reading it touches the store without reading anyone's data.
    private const string ProbeKey = "healthz/probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ReadAsync(ProbeKey, cancellationToken);
            services.GetRequiredService<DirectLineTokens>();
            services.GetRequiredService<UserIdHasher>();
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception goes to the health check log, never to the anonymous caller.
            return HealthCheckResult.Unhealthy("Storage or keys are not available.", exception);
        }
    }
}
