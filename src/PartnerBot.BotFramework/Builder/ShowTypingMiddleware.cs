using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// For a message turn that takes a while, sends <c>typing</c> after a short delay and repeats it until the
/// turn's first reply goes out, so the user sees the bot is working.
/// </summary>
public sealed class ShowTypingMiddleware(TimeSpan? delay = null, TimeSpan? period = null) : IMiddleware
{
    private readonly TimeSpan _delay = delay ?? TimeSpan.FromMilliseconds(500);
    private readonly TimeSpan _period = period ?? TimeSpan.FromSeconds(2);

    public async Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message) || turn.Activity.ExpectsReplies)
        {
            await next(cancellationToken);
            return;
        }

        // The send handler outlives this middleware (the error handler may send an apology after it returned),
        // so it must not touch the token source once it is disposed.
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = 0;
        turn.OnSendActivities(async (_, activities, sendNext) =>
        {
            if (Volatile.Read(ref finished) == 0 && activities.Any(a => !a.IsType(ActivityTypes.Typing)))
            {
                lock (stop)
                {
                    if (finished == 0) stop.Cancel();
                }
            }
            await sendNext();
        });

        var typing = SendTypingAsync(turn, stop.Token);
        try
        {
            await next(cancellationToken);
        }
        finally
        {
            lock (stop)
            {
                stop.Cancel();
                finished = 1;
            }
            await typing;
            stop.Dispose();
        }
    }

    private async Task SendTypingAsync(TurnContext turn, CancellationToken stop)
    {
        try
        {
            await Task.Delay(_delay, stop);
            while (!stop.IsCancellationRequested)
            {
                await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Typing, ReplyToId = null }, stop);
                await Task.Delay(_period, stop);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Cancellation ends the indicator; a lost typing indicator is harmless, and the turn's real replies
            // report their own failures.
        }
    }
}
