namespace PartnerBot.BotFramework.Builder;

/// <summary>The single place a failed turn is handled (log, apologise, reset the conversation's dialog).</summary>
public interface ITurnErrorHandler
{
    Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken);
}
