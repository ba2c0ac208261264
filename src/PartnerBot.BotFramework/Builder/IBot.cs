namespace PartnerBot.BotFramework.Builder;

/// <summary>The application's turn logic: runs once per inbound activity, after the middleware.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}
