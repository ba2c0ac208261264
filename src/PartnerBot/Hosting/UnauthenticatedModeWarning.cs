using Microsoft.Extensions.Options;

namespace PartnerBot.Hosting;

/// <summary>Says at every start when channel authentication is off, so it is never off by accident.</summary>
public sealed partial class UnauthenticatedModeWarning(IOptions<BotOptions> bot, ILogger<UnauthenticatedModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!bot.Value.AuthenticationEnabled) LogAuthenticationOff(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning,
        Message = "Channel authentication is off (no MicrosoftAppId): /api/messages accepts activities only from this machine and replies only to loopback service URLs")]
    private static partial void LogAuthenticationOff(ILogger logger);
}
