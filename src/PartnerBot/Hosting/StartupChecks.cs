using PartnerBot.DirectLine;
using PartnerBot.Sales;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Hosting;

/// <summary>
/// Opens the database and loads the keys while the host starts, before it listens: a locked, read-only or
/// damaged database, or a bad key, stops the app with a <see cref="StartupCheckException"/> (non-zero exit)
/// instead of failing every request later while health says all is well.
/// </summary>
public sealed partial class StartupChecks(IServiceProvider services, ILogger<StartupChecks> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = services.GetService<SqliteStore>();
            _ = services.GetRequiredService<UserIdHasher>();
            _ = services.GetService<DirectLineTokens>();
        }
        catch (StartupCheckException exception)
        {
            LogStartupCheckFailed(logger, exception.Message);
            throw;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "PartnerBot cannot start: {Problem}")]
    private static partial void LogStartupCheckFailed(ILogger logger, string problem);
}
