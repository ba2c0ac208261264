using Microsoft.Extensions.Options;

namespace PartnerBot.Hosting;

/// <summary>
/// Graceful shutdown for turns: the gate closes as soon as the application is stopping, and the turns in flight are
/// waited for in the host's "stopping" phase, before any hosted service stops: Kestrel included (the web host's
/// service is registered after the app's own, so it would otherwise stop first, refusing connections instead of
/// answering 503, and hold the drain back until its own wait for the requests ended), the store and the alert sender.
/// </summary>
public sealed partial class TurnDraining(TurnGate gate, IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, ILogger<TurnDraining> logger) : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(gate.Close);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var running = gate.InFlight;
        if (running > 0) LogDraining(logger, running, options.Value.DrainSeconds);
        if (!await gate.DrainAsync(options.Value.Drain, cancellationToken)) LogCancelled(logger, gate.InFlight);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: letting {Turns} turns in flight finish (up to {Seconds} s); new activities are answered 503")]
    private static partial void LogDraining(ILogger logger, int turns, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Turns} turns did not finish in time and were cancelled; they recorded no result, so the channels' retries run them")]
    private static partial void LogCancelled(ILogger logger, int turns);
}

public static class TurnDrainingRegistration
{
    /// <summary>The turns drain in the host's stopping phase, before any hosted service stops.</summary>
    public static WebApplicationBuilder AddTurnDraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TurnGate>();
        builder.Services.AddHostedService<TurnDraining>();
        // The host's own limit, set explicitly: the drain plus time for the other services to stop.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Drain + TimeSpan.FromSeconds(10));
        return builder;
    }
}
