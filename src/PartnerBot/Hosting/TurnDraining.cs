using Microsoft.Extensions.Options;

namespace PartnerBot.Hosting;

/// <summary>
/// Graceful shutdown for turns: the gate closes as soon as the application is stopping, and this service's stop
/// waits for the turns in flight. It is registered last, so it stops first, while Kestrel, the store and the alert
/// sender still run.
/// </summary>
public sealed partial class TurnDraining(TurnGate gate, IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, ILogger<TurnDraining> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(gate.Close);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var running = gate.InFlight;
        if (running > 0) LogDraining(logger, running, options.Value.DrainSeconds);
        if (!await gate.DrainAsync(options.Value.Drain, cancellationToken)) LogCancelled(logger, gate.InFlight);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: letting {Turns} turns in flight finish (up to {Seconds} s); new activities are answered 503")]
    private static partial void LogDraining(ILogger logger, int turns, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Turns} turns did not finish in time and were cancelled; they recorded no result, so the channels' retries run them")]
    private static partial void LogCancelled(ILogger logger, int turns);
}

public static class TurnDrainingRegistration
{
    /// <summary>Call last: hosted services stop in reverse order, and the turns must drain before anything else stops.</summary>
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
