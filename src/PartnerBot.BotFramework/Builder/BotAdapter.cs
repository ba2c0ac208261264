using System.Text.Json;
using Microsoft.Extensions.Logging;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// Runs one turn per inbound activity: middleware, then the bot, with one error handler. Turns of one
/// conversation run one at a time in this process. A turn's dialog state and its replies are committed to the
/// ledger as one unit before the replies go out; an activity id already recorded is answered from the ledger
/// instead of running again (channels retry when they think the bot was slow), and replies that did not reach
/// the channel the first time are sent then. A reply that cannot be delivered never costs the user their
/// progress: the turn is answered 502 so the channel retries, and the retry delivers what is left.
/// </summary>
public sealed partial class BotAdapter(
    IBot bot,
    IEnumerable<IMiddleware> middleware,
    ITurnErrorHandler errorHandler,
    ITurnLedger ledger,
    IChannelDeliveryFactory channels,
    IEnumerable<IUnfinishedTurnRepair> repairs,
    ILogger<BotAdapter> logger)
{
    private readonly IUnfinishedTurnRepair[] _repairs = repairs.ToArray();
    private readonly IMiddleware[] _middleware = middleware.ToArray();
    private readonly KeyedAsyncLock _conversationLocks = new();

    /// <param name="delivery">Where replies go when the channel is served in-process (the embedded Direct Line);
    /// otherwise the channel's Connector, or the response body for <c>expectReplies</c>.</param>
    /// <param name="cancellationToken">Stops the turn; not the HTTP request's token, since a turn that started must
    /// finish (or roll back) even when the channel stops waiting for it.</param>
    public async Task<TurnResult> ProcessActivityAsync(Activity activity, CancellationToken cancellationToken, IActivityDelivery? delivery = null)
    {
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        var channel = BotTelemetry.Channel(activity.ChannelId);
        var type = BotTelemetry.ActivityType(activity.Type);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var span = BotTelemetry.Source.StartActivity("bot turn");
        span?.SetTag("bot.channel", channel);
        span?.SetTag("bot.activity.type", type);
        var outcome = BotTelemetry.Outcomes.Error;
        try
        {
            (var result, outcome) = await RunTurnAsync(activity, conversationId, delivery, cancellationToken);
            return result;
        }
        finally
        {
            BotTelemetry.Record(span, channel, type, outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<(TurnResult Result, string Outcome)> RunTurnAsync(Activity activity, string conversationId, IActivityDelivery? delivery, CancellationToken cancellationToken)
    {
        using var _ = await _conversationLocks.AcquireAsync(conversationId, cancellationToken);

        if (string.IsNullOrEmpty(activity.Id)) return await RunNewTurnAsync(activity, conversationId, delivery, cancellationToken);
        var deferred = ledger.DeferredDuplicateCheck;
        if (deferred is null && await ledger.FindAsync(conversationId, activity.Id, cancellationToken) is { } recorded)
        {
            return await AnswerDuplicateAsync(activity, recorded, delivery, cancellationToken);
        }

        deferred?.Defer(conversationId, activity.Id);
        try
        {
            return await RunNewTurnAsync(activity, conversationId, delivery, cancellationToken);
        }
        catch (DuplicateActivityException duplicate)
        {
            // Found during the turn (by its first write, or after it lost a state race to another instance running the
            // same activity), before anything of this turn was sent or committed.
            return await AnswerDuplicateAsync(activity, duplicate.Record, delivery, cancellationToken);
        }
        catch (DuplicateCheckFailedException failed)
        {
            // As when the ledger cannot be read before a turn: the channel gets the storage failure and retries.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed.InnerException!).Throw();
            throw;
        }
        finally
        {
            deferred?.Forget(conversationId, activity.Id);
        }
    }

    private async Task<(TurnResult Result, string Outcome)> AnswerDuplicateAsync(Activity activity, TurnRecord recorded, IActivityDelivery? delivery, CancellationToken cancellationToken)
    {
        LogDuplicate(logger, LogValue.Clean(activity.Id)!, LogValue.Clean(activity.Type), recorded.Replies.Count - recorded.Delivered);
        return (await ReplayAsync(activity, recorded, delivery, cancellationToken), BotTelemetry.Outcomes.Duplicate);
    }

    private async Task<(TurnResult Result, string Outcome)> RunNewTurnAsync(Activity activity, string conversationId, IActivityDelivery? delivery, CancellationToken cancellationToken)
    {
        var collector = activity.ExpectsReplies ? new ExpectRepliesDelivery() : null;
        var turn = new TurnContext(activity, collector ?? delivery ?? channels.Create(activity), ledger);
        var errorHandled = false;
        var failed = false;
        try
        {
            await RunMiddlewareAsync(turn, 0, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by a shutdown: no apology, no reset, no result. What the dialogs committed is answered from the
            // ledger on the channel's retry; a turn that committed nothing runs again then.
            throw;
        }
        catch (ActivityDeliveryException exception)
        {
            LogDeliveryFailed(logger, exception.InnerException ?? exception, LogValue.Clean(conversationId)!, LogValue.Clean(activity.Id));
        }
        catch (Exception exception) when (exception is DuplicateActivityException or DuplicateCheckFailedException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Middleware itself failed (for example storage stayed unavailable after its retries). If the bot's
            // error was already handled, the user has had their apology; this failure is only logged.
            failed = true;
            if (errorHandled) LogFailedAfterError(logger, exception, LogValue.Clean(conversationId)!);
            else await HandleErrorAsync(turn, exception, cancellationToken);
        }

        var result = CreateResult(turn, collector);
        try
        {
            // An expectReplies body is the outbox itself, rebuilt on a retry, so the person it addresses is not stored twice.
            var body = result.Body is null || collector is not null ? null : JsonSerializer.Serialize(result.Body, BotJson.Options);
            await turn.CommitResultAsync(result.StatusCode, body, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The dialogs' own commit already holds the state and the replies. Lost are the final delivery count (a retry
            // may send the last replies again rather than lose them) and the writes that went with it: the replies'
            // transcript rows and the conversation record, which the next turn's record save brings up to date.
            LogRecordFailed(logger, exception, LogValue.Clean(conversationId)!, LogValue.Clean(activity.Id));
        }
        if (turn.DeliveryFailed) return (UndeliveredResult, BotTelemetry.Outcomes.Undelivered);
        return (result, failed || errorHandled ? BotTelemetry.Outcomes.Error : BotTelemetry.Outcomes.Ok);

        async Task RunMiddlewareAsync(TurnContext context, int index, CancellationToken ct)
        {
            if (index < _middleware.Length)
            {
                await _middleware[index].OnTurnAsync(context, next => RunMiddlewareAsync(context, index + 1, next), ct);
                return;
            }
            // Before the bot acts: a duplicate check no middleware's write has answered is answered now.
            await context.EnsureNewActivityAsync(ct);
            try
            {
                await bot.OnTurnAsync(context, ct);
            }
            catch (Exception exception) when (exception is DuplicateActivityException or DuplicateCheckFailedException)
            {
                throw;
            }
            catch (ActivityDeliveryException)
            {
                // Not the bot's fault: the state and replies are committed; the channel's retry delivers them.
                throw;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                // Handled here, inside the middleware, so the apology is logged in the transcript too.
                errorHandled = true;
                await HandleErrorAsync(context, exception, ct);
            }
        }
    }

    /// <summary>The status of a committed turn whose final result was never recorded (a stop or crash in between).</summary>
    private const int StatusNotRecordedAnswer = 200;

    /// <summary>The answer to a channel when replies could not be delivered: retry the activity later.</summary>
    private static readonly TurnResult UndeliveredResult = new(502, null);

    /// <summary>Answers a retried activity from its record, first delivering the replies that did not get through.</summary>
    private async Task<TurnResult> ReplayAsync(Activity activity, TurnRecord recorded, IActivityDelivery? delivery, CancellationToken cancellationToken)
    {
        // The dialogs commit the state and replies before the final result; a stop between the two leaves no status.
        // The turn did run and its replies are known, so its answer is the one a finished turn gives: 200. What the
        // final result would have written with it (the replies' transcript rows) is written now, and the result
        // recorded, so this happens once.
        var unfinished = recorded.StatusCode == 0;
        var replies = unfinished || activity.ExpectsReplies ? recorded.Replies.Select(r => Readdress(activity, r)).ToList() : null;
        if (unfinished)
        {
            recorded = recorded with { StatusCode = StatusNotRecordedAnswer };
            foreach (var repair in _repairs) await repair.RepairAsync(activity, replies!, cancellationToken);
            if (activity.ExpectsReplies || recorded.FullyDelivered)
            {
                await ledger.CommitAsync(new TurnCommit(activity.Conversation!.Id!, activity.Id!, null, recorded), CancellationToken.None);
            }
        }
        if (activity.ExpectsReplies) return new TurnResult(recorded.StatusCode, new ExpectedReplies { Activities = replies! });
        var result = new TurnResult(recorded.StatusCode, recorded.ResponseBody is null ? null : JsonSerializer.Deserialize<JsonElement>(recorded.ResponseBody));
        if (recorded.FullyDelivered) return result;

        var target = delivery ?? channels.Create(activity);
        var delivered = recorded.Delivered;
        try
        {
            for (; delivered < recorded.Replies.Count; delivered++)
            {
                await target.DeliverAsync(Readdress(activity, recorded.Replies[delivered]), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDeliveryFailed(logger, exception, LogValue.Clean(activity.Conversation!.Id)!, LogValue.Clean(activity.Id));
        }
        var commit = new TurnCommit(activity.Conversation!.Id!, activity.Id!, null, recorded with { Delivered = delivered });
        await ledger.CommitAsync(commit, CancellationToken.None);
        return delivered < recorded.Replies.Count ? UndeliveredResult : result;
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

    /// <summary>A recorded reply addressed again to the person of the retried activity (the ledger keeps no ids).</summary>
    private static Activity Readdress(Activity inbound, string recordedReply)
    {
        var reply = inbound.ApplyReplyRouting(JsonSerializer.Deserialize<Activity>(recordedReply, BotJson.Options)!);
        if (reply.SuggestedActions is { To: null } suggested && inbound.From?.Id is { } user) suggested.To = [user];
        return reply;
    }

    private async Task HandleErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            await errorHandler.OnTurnErrorAsync(turn, exception, cancellationToken);
        }
        catch (Exception handlerException)
        {
            LogErrorHandlerFailed(logger, handlerException, LogValue.Clean(turn.Activity.Conversation?.Id));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} ({ActivityType}) was already processed; answering from the ledger ({Undelivered} replies to send again)")]
    private static partial void LogDuplicate(ILogger logger, string activityId, string? activityType, int undelivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replies in conversation {ConversationId} for activity {ActivityId} could not be delivered; they are kept for the channel's retry")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the end of the turn in conversation {ConversationId} for activity {ActivityId}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Middleware failed after the turn's error was handled in conversation {ConversationId}")]
    private static partial void LogFailedAfterError(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The turn error handler failed for conversation {ConversationId}")]
    private static partial void LogErrorHandlerFailed(ILogger logger, Exception exception, string? conversationId);
}
