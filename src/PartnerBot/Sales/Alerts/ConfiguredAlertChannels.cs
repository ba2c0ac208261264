using Microsoft.Extensions.Options;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Alerts;

/// <summary>Subscribes the channels named in <c>Sales:AlertChannels</c> at start, so an automated deployment needs nobody to say "notify here".</summary>
/// <remarks>A channel someone turned off with "stop notifications" stays off; storage that is down at start delays this to the next start, it never stops the app.</remarks>
public sealed partial class ConfiguredAlertChannels(ILeadAlerts alerts, IOptions<SalesOptions> options, TimeProvider clock, ILogger<ConfiguredAlertChannels> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var channel in options.Value.AlertChannels.Where(c => !string.IsNullOrWhiteSpace(c.ChannelId)))
            {
                var existing = await alerts.GetSubscriptionAsync(channel.ChannelId, cancellationToken);
                if (existing is { Active: true } && existing.ServiceUrl == channel.ServiceUrl) continue;
                if (existing is { Active: false, InactiveReason: { } reason } && reason.StartsWith(LeadAlertMiddleware.TurnedOffBy, StringComparison.Ordinal)) continue;
                await alerts.SubscribeAsync(new AlertSubscription(channel.ChannelId, channel.ServiceUrl, channel.TenantId, channel.TeamId, null, "configuration", clock.GetUtcNow()), cancellationToken);
            }
        }
        catch (StorageUnavailableException exception)
        {
            LogNotSubscribed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The configured lead alert channels could not be subscribed now; the next start tries again")]
    private static partial void LogNotSubscribed(ILogger logger, Exception exception);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
