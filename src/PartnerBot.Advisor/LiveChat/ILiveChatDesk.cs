using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Advisor.LiveChat;

/// <summary>
/// The people behind the advisor, as the live-chat dialog sees them: whether someone can be asked now, asking, passing
/// the prospect's messages on, and ending. The host implements it over the sales team's Teams channels; without one,
/// <see cref="None"/> says nobody is there and the prospect leaves their details, as before live chat.
/// </summary>
public interface ILiveChatDesk
{
    /// <summary>Whether a person can be asked now, and if not, why in the prospect's words (null: live chat is not set up).</summary>
    Task<LiveChatOffer> OfferAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the team to join this prospect's conversation; the answer may still be "nobody" (the channel went away
    /// meanwhile). <paramref name="prospectName"/> is the name from their contact details, if they gave them.
    /// </summary>
    Task<LiveChatOffer> RequestAsync(TurnContext turn, string? prospectName, CancellationToken cancellationToken);

    /// <summary>Where this prospect's latest chat stands.</summary>
    Task<LiveChatPhase> PhaseAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>Passes the prospect's message on to the team; false when it could not be delivered in time.</summary>
    Task<bool> ForwardAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>The prospect ended the chat (or stopped waiting).</summary>
    Task EndAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>The prospect added their contact details while chatting: the team's card shows them, and their name.</summary>
    Task DetailsChangedAsync(TurnContext turn, string name, CancellationToken cancellationToken);

    public static ILiveChatDesk None { get; } = new NoDesk();

    private sealed class NoDesk : ILiveChatDesk
    {
        private static readonly LiveChatOffer Nobody = new(false, null, TimeSpan.Zero);

        public Task<LiveChatOffer> OfferAsync(TurnContext turn, CancellationToken cancellationToken) => Task.FromResult(Nobody);

        public Task<LiveChatOffer> RequestAsync(TurnContext turn, string? prospectName, CancellationToken cancellationToken) => Task.FromResult(Nobody);

        public Task<LiveChatPhase> PhaseAsync(TurnContext turn, CancellationToken cancellationToken) => Task.FromResult(LiveChatPhase.None);

        public Task<bool> ForwardAsync(TurnContext turn, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task EndAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DetailsChangedAsync(TurnContext turn, string name, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <param name="Available">Someone can be asked now.</param>
/// <param name="Unavailable">Why not, for the prospect ("outside our hours…"); null when live chat is not offered at all.</param>
/// <param name="TypicalWait">How long joining usually takes (the longest the prospect waits).</param>
public sealed record LiveChatOffer(bool Available, string? Unavailable, TimeSpan TypicalWait);

public enum LiveChatPhase
{
    /// <summary>Never asked, or the chat is gone (erased).</summary>
    None,
    Waiting,
    Joined,
    Ended,
    NobodyCame,
}
