using Microsoft.Extensions.Options;

namespace PartnerBot.Storage;

/// <summary>Applies <see cref="RetentionOptions"/> shortly after start and then every interval, on whichever store is configured.</summary>
public sealed partial class RetentionService(IRetentionStore store, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.IntervalMinutes), clock);
        try
        {
            do
            {
                await PurgeOnceAsync(settings, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PurgeOnceAsync(RetentionOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            var report = await store.PurgeAsync(settings.CutoffsAt(clock.GetUtcNow()), stoppingToken);
            if (report.Total > 0)
            {
                LogPurged(logger, report.Conversations, report.TranscriptEntries, report.DialogStates, report.DirectLineConversations, report.LedgerEntries);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Storage may be down for a while; the next interval tries again, nothing is lost by waiting.
            LogPurgeFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention deleted {Conversations} conversations, {TranscriptEntries} transcript entries, {DialogStates} dialog states, {DirectLineConversations} Direct Line conversations, {LedgerEntries} ledger entries")]
    private static partial void LogPurged(ILogger logger, int conversations, int transcriptEntries, int dialogStates, int directLineConversations, int ledgerEntries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge failed; trying again at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
