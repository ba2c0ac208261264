using System.Text.Json;
using Microsoft.Extensions.Logging;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// Runs one turn per inbound activity: middleware, then the bot, with one error handler. Turns of one
/// conversation run one at a time in this process, and an activity id already processed is answered from
/// the ledger instead of running again (channels retry when they think the bot was slow).
/// </summary>
public sealed partial class BotAdapter(
    IBot bot,
    IEnumerable<IMiddleware> middleware,
    ITurnErrorHandler errorHandler,
    ITurnLedger ledger,
    IChannelDeliveryFactory channels,
    ILogger<BotAdapter> logger)
{
    /// <summary>An unfinished claim older than this is considered abandoned by a crashed process.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);

    private readonly IMiddleware[] _middleware = middleware.ToArray();
    private readonly KeyedAsyncLock _conversationLocks = new();

    /// <param name="delivery">Where replies go when the channel is served in-process (the embedded Direct Line);
    /// otherwise the channel's Connector, or the response body for <c>expectReplies</c>.</param>
    public async Task<TurnResult> ProcessActivityAsync(Activity activity, CancellationToken cancellationToken, IActivityDelivery? delivery = null)
    {
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        using var _ = await _conversationLocks.AcquireAsync(conversationId, cancellationToken);

        if (!string.IsNullOrEmpty(activity.Id))
        {
            var claim = await ledger.TryClaimAsync(conversationId, activity.Id, ClaimLease, cancellationToken);
            if (claim.Status != TurnClaimStatus.Claimed)
            {
                LogDuplicate(logger, activity.Id, activity.Type, claim.Status);
                return claim.ResponseBody is null
                    ? TurnResult.Ok
                    : new TurnResult(200, JsonSerializer.Deserialize<JsonElement>(claim.ResponseBody));
            }
        }

        var collector = activity.ExpectsReplies ? new ExpectRepliesDelivery() : null;
        var turn = new TurnContext(activity, collector ?? delivery ?? channels.Create(activity));
        var errorHandled = false;
        try
        {
            await RunMiddlewareAsync(turn, 0, cancellationToken);
        }
        catch (Exception exception)
        {
            // Middleware itself failed (for example storage stayed unavailable after its retries). If the bot's
            // error was already handled, the user has had their apology; this failure is only logged.
            if (errorHandled) LogFailedAfterError(logger, exception, conversationId);
            else await HandleErrorAsync(turn, exception, cancellationToken);
        }

        var result = CreateResult(turn, collector);
        if (!string.IsNullOrEmpty(activity.Id))
        {
            var body = result.Body is null ? null : JsonSerializer.Serialize(result.Body, ActivityJson.Options);
            await ledger.CompleteAsync(conversationId, activity.Id, body, CancellationToken.None);
        }
        return result;

        async Task RunMiddlewareAsync(TurnContext context, int index, CancellationToken ct)
        {
            if (index < _middleware.Length)
            {
                await _middleware[index].OnTurnAsync(context, next => RunMiddlewareAsync(context, index + 1, next), ct);
                return;
            }
            try
            {
                await bot.OnTurnAsync(context, ct);
            }
            catch (Exception exception)
            {
                // Handled here, inside the middleware, so the apology is logged in the transcript too.
                errorHandled = true;
                await HandleErrorAsync(context, exception, ct);
            }
        }
    }

    /// <summary>
    /// A proactive turn: messages to a conversation the bot was in before (for example a follow-up from sales),
    /// addressed from its stored reference and sent through the same Connector client and credentials as replies.
    /// </summary>
    public Task ContinueConversationAsync(ConversationReference reference, Func<TurnContext, CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = "ContinueConversation",
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
        };
        return callback(new TurnContext(activity, channels.Create(activity)), cancellationToken);
    }

    private async Task HandleErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            await errorHandler.OnTurnErrorAsync(turn, exception, cancellationToken);
        }
        catch (Exception handlerException)
        {
            LogErrorHandlerFailed(logger, handlerException, turn.Activity.Conversation?.Id);
        }
    }

    private static TurnResult CreateResult(TurnContext turn, ExpectRepliesDelivery? collector)
    {
        if (turn.Activity.IsType(ActivityTypes.Invoke))
        {
            // Like the SDK: an invoke nobody answered is "not implemented", never an exception.
            return turn.InvokeResponse is { } invoke ? new TurnResult(invoke.Status, invoke.Body) : new TurnResult(501, null);
        }
        return collector is null ? TurnResult.Ok : new TurnResult(200, new ExpectedReplies { Activities = collector.Activities.ToList() });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} ({ActivityType}) was already seen ({ClaimStatus}); not running the turn again")]
    private static partial void LogDuplicate(ILogger logger, string activityId, string? activityType, TurnClaimStatus claimStatus);

    [LoggerMessage(Level = LogLevel.Error, Message = "Middleware failed after the turn's error was handled in conversation {ConversationId}")]
    private static partial void LogFailedAfterError(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The turn error handler failed for conversation {ConversationId}")]
    private static partial void LogErrorHandlerFailed(ILogger logger, Exception exception, string? conversationId);
}
