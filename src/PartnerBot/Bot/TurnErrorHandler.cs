using Microsoft.Extensions.Logging;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;

namespace PartnerBot.Bot;

/// <summary>
/// The one place a failed turn ends up: logged with a template, an apology to the user, and the conversation's
/// dialog reset so it cannot fail the same way on every message. A storage outage is the exception: the dialog
/// is kept (it was not the cause) and the user is asked to send the message again.
/// </summary>
public sealed partial class TurnErrorHandler(DialogManager dialogs, ILogger<TurnErrorHandler> logger) : ITurnErrorHandler
{
    public const string Apology = "Sorry, something went wrong on my side. Let's start this part again; your earlier messages are safe.";
    public const string StorageApology = "Sorry, I couldn't save that just now. Please send your last answer again in a moment.";

    public async Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        var conversationId = LogValue.Clean(turn.Activity.Conversation?.Id);
        var activityId = LogValue.Clean(turn.Activity.Id);
        if (exception is StorageUnavailableException)
        {
            LogStorageUnavailable(logger, exception, conversationId, activityId);
            turn.DiscardBuffer();
            await turn.SendActivityAsync(StorageApology, cancellationToken);
            return;
        }

        LogTurnFailed(logger, exception, conversationId, activityId, LogValue.Clean(turn.Activity.Type));
        turn.DiscardBuffer();
        await turn.SendActivityAsync(Apology, cancellationToken);
        await dialogs.ResetAsync(turn.Activity, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId} for activity {ActivityId} ({ActivityType}); dialog reset")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? conversationId, string? activityId, string? activityType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage unavailable in conversation {ConversationId} for activity {ActivityId}; dialog kept")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string? conversationId, string? activityId);
}
