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

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        turn.OnSendActivities(async (_, activities, sendNext) =>
        {
            if (activities.Any(a => !a.IsType(ActivityTypes.Typing))) await stop.CancelAsync();
            await sendNext();
        });

        var typing = SendTypingAsync(turn, stop.Token);
        try
        {
            await next(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await typing;
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
        catch (OperationCanceledException)
        {
        }
        catch (HttpRequestException)
        {
            // A lost typing indicator is harmless; the turn's real replies report their own failures.
        }
    }
}
