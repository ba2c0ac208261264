namespace PartnerBot.Hosting;

/// <summary>Section <c>Shutdown</c>: how long a stopping instance lets its turns in flight finish.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// Seconds the turns in flight get after SIGTERM; the host's shutdown timeout is this plus 10. The platform must
    /// wait at least as long before it kills the process (on App Service: WEBSITES_CONTAINER_STOP_TIME_LIMIT).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 600)]
    public int DrainSeconds { get; set; } = 20;

    public TimeSpan Drain => TimeSpan.FromSeconds(DrainSeconds);
}
