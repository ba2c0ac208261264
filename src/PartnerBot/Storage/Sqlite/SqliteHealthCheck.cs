using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerBot.Storage.Sqlite;

/// <summary>Storage is healthy when the database can be read and its write lock taken right now.</summary>
public sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (StorageUnavailableException exception)
        {
            // The reason (locked, read-only, damaged) without the file's path: /healthz is public.
            return new HealthCheckResult(context.Registration.FailureStatus, "The database is unavailable: " + exception.InnerException?.Message);
        }
    }
}
