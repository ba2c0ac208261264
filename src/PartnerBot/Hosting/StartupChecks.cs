namespace PartnerBot.Hosting;

/// <summary>
/// Runs every registered <see cref="IStartupCheck"/> before the app takes requests, once: as the first hosted
/// service, or earlier when the entry point asks (so a refusal is reported as one line, not as the host's stack
/// trace). A refusal is logged as critical with its one line and stops the start.
/// </summary>
public sealed partial class StartupChecks(IEnumerable<IStartupCheck> checks, ILogger<StartupChecks> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private Task? _run;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return _run ??= RunAllAsync(cancellationToken);
    }

    private async Task RunAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var check in checks) await check.CheckAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is StartupCheckException or Storage.StorageStartupException)
        {
            LogStartupCheckFailed(logger, exception.Message);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "PartnerBot cannot start: {Problem}")]
    private static partial void LogStartupCheckFailed(ILogger logger, string problem);
}
