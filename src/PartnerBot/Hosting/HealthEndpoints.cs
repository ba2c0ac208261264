using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace PartnerBot.Hosting;

/// <summary>
/// <c>/healthz/live</c>: the process answers (no checks, so a slow store never gets a healthy instance restarted).
/// <c>/healthz/ready</c>: every registered check passes (the platform's health check uses this one).
/// <c>/healthz</c> stays as before, the same as ready.
/// </summary>
public static class HealthEndpoints
{
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<TurnReadinessHealthCheck>("turn-readiness");
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready");
        app.MapHealthChecks("/healthz");
        return app;
    }
}
