using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;

namespace PartnerBot.Handoff;

/// <summary>
/// Ends the waits nobody answered (the prospect is offered the contact form, the card says so) and the chats nobody
/// wrote in for <see cref="LiveChatOptions.IdleMinutes"/> (both sides are told). Every instance runs it; the chat's ETag
/// lets one of them make each change, and only that one says so.
/// </summary>
public sealed partial class LiveChatTimer(
    ILiveChats chats, LiveChatRelay relay, LiveChatCards cards, PartnerBot.Webhooks.WebhookEvents webhooks, IOptions<LiveChatOptions> options, TimeProvider clock,
    ILogger<LiveChatTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TimerSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Storage may be down: the waits are checked again at the next tick.
                    LogCheckFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        foreach (var open in await chats.OpenAsync(cancellationToken))
        {
            if (open.Status == LiveChatStatus.Waiting && now - open.RequestedAt >= TimeSpan.FromMinutes(settings.WaitMinutes))
            {
                var gaveUp = await chats.UpdateAsync(open.Id, c => c.Status == LiveChatStatus.Waiting && c.RequestedAt == open.RequestedAt
                    ? c with { Status = LiveChatStatus.NobodyCame, EndedAt = now, EndedBy = "nobody joined" }
                    : null, cancellationToken);
                if (gaveUp is null) continue;
                LogNobodyCame(logger, settings.WaitMinutes);
                PartnerBot.Telemetry.PartnerBotTelemetry.LiveChat("nobody_came");
                await relay.ToProspectAsync(gaveUp, Activity.CreateMessage(LiveChatNotices.NobodyCame), null, cancellationToken);
                await cards.RefreshAsync(gaveUp, cancellationToken);
            }
            else if (open.Status == LiveChatStatus.Joined && now - open.LastActivityAt >= TimeSpan.FromMinutes(settings.IdleMinutes))
            {
                var idle = await chats.UpdateAsync(open.Id, c => c.Status == LiveChatStatus.Joined && now - c.LastActivityAt >= TimeSpan.FromMinutes(settings.IdleMinutes)
                    ? c with { Status = LiveChatStatus.Ended, EndedAt = now, EndedBy = $"no messages for {LiveChatNotices.Minutes(settings.IdleMinutes)}" }
                    : null, cancellationToken);
                if (idle is null) continue;
                PartnerBot.Telemetry.PartnerBotTelemetry.LiveChat("ended", "idle");
                await webhooks.OnHandoffAsync(idle.Id, started: false, now, cancellationToken);
                var notice = LiveChatNotices.Idle(settings.IdleMinutes);
                await relay.ToProspectAsync(idle, Activity.CreateMessage(notice), null, cancellationToken);
                foreach (var thread in LiveChatDesk.Targets(idle)) await relay.ToThreadAsync(thread, notice, cancellationToken);
                await cards.RefreshAsync(idle, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking live chats failed; trying again at the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nobody joined a live chat within {Minutes} minutes; the prospect is offered the contact form")]
    private static partial void LogNobodyCame(ILogger logger, double minutes);
}
