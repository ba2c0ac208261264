using PartnerBot.Advisor.Languages;

namespace PartnerBot.Hosting;

/// <summary>
/// A text the advisor had no translation for was shown in English: logged as a warning, so that a gap in a
/// catalog never passes unnoticed in production (the tests fail on it). The text is the code's own English.
/// </summary>
internal sealed partial class MissingTranslationLog(ILogger<MissingTranslationLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Language.MissingTranslation += Report;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Language.MissingTranslation -= Report;
        return Task.CompletedTask;
    }

    private void Report(Language language, string english) => LogMissing(logger, language.EnglishName, english);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Language} translation of \"{Text}\": shown in English. Add it to the language's texts.json.")]
    private static partial void LogMissing(ILogger logger, string language, string text);
}
