using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PartnerBot.BotFramework.Builder;
using PartnerBot.Telemetry;

namespace PartnerBot.Hosting;

public static class TelemetryRegistration
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// OpenTelemetry traces, metrics and logs: ASP.NET Core and HttpClient instrumentation plus PartnerBot's own
    /// spans and counters (turns, storage calls, conflicts, leads). Nothing leaves the process unless an exporter
    /// is configured: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OTEL_* variables apply),
    /// Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the deployment template sets it).
    /// Recorded addresses keep their route or host only: conversation ids, table keys and tokens travel in paths
    /// and query strings, and they are nobody's telemetry.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = builder.Configuration[OtlpEndpointSetting];
        var azureMonitor = builder.Configuration[AzureMonitorSetting];

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("PartnerBot"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BotTelemetry.Name, PartnerBotTelemetry.Name)
                    .AddAspNetCoreInstrumentation(options =>
                    {
                        // Health probes arrive every few seconds and say nothing about the bot.
                        options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz");
                        options.EnrichWithHttpResponse = (span, response) =>
                        {
                            span.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
                            span.SetTag("url.query", null);
                            span.SetTag("client.address", null);
                        };
                    })
                    .AddHttpClientInstrumentation(options =>
                    {
                        options.EnrichWithHttpRequestMessage = (span, request) =>
                        {
                            if (request.RequestUri is { } uri) span.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + "/");
                        };
                    });
                if (!string.IsNullOrWhiteSpace(azureMonitor)) tracing.AddAzureMonitorTraceExporter(options => options.ConnectionString = azureMonitor);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name, PartnerBotTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(azureMonitor)) metrics.AddAzureMonitorMetricExporter(options => options.ConnectionString = azureMonitor);
            })
            .WithLogging(logging =>
            {
                if (!string.IsNullOrWhiteSpace(azureMonitor)) logging.AddAzureMonitorLogExporter(options => options.ConnectionString = azureMonitor);
            });
        if (!string.IsNullOrWhiteSpace(otlp)) telemetry.UseOtlpExporter();
        return builder;
    }
}
