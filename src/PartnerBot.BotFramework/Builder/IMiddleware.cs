namespace PartnerBot.BotFramework.Builder;

public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>Runs around every turn, in registration order; calls <c>next</c> to continue the pipeline.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken);
}
