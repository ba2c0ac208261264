using Microsoft.Extensions.Options;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Alerts;

/// <summary>Subscribes the channels named in <c>Sales:AlertChannels</c> at start, so an automated deployment needs nobody to say "notify here".</summary>
public sealed class ConfiguredAlertChannels(ILeadAlerts alerts, IOptions<SalesOptions> options, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var channel in options.Value.AlertChannels.Where(c => !string.IsNullOrWhiteSpace(c.ChannelId)))
        {
            var existing = await alerts.GetSubscriptionAsync(channel.ChannelId, cancellationToken);
            if (existing is { Active: true } && existing.ServiceUrl == channel.ServiceUrl) continue;
            await alerts.SubscribeAsync(new AlertSubscription(channel.ChannelId, channel.ServiceUrl, channel.TenantId, channel.TeamId, null, "configuration", clock.GetUtcNow()), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
