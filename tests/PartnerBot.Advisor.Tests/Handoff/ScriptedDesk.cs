using PartnerBot.Advisor.LiveChat;
using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Tests.Handoff;

/// <summary>A desk for the advisor's dialog tests: says what the test sets and records what the dialog asked of it.</summary>
public sealed class ScriptedDesk : ILiveChatDesk
{
    public LiveChatOffer Offer { get; set; } = new(true, null, TimeSpan.FromMinutes(3));

    public LiveChatPhase Phase { get; set; } = LiveChatPhase.None;

    public bool Delivers { get; set; } = true;

    public List<string?> Requests { get; } = [];

    public List<string?> Forwarded { get; } = [];

    public int Ended { get; private set; }

    public int DetailsChanged { get; private set; }

    public Task<LiveChatOffer> OfferAsync(TurnContext turn, CancellationToken cancellationToken) => Task.FromResult(Offer);

    public Task<LiveChatOffer> RequestAsync(TurnContext turn, string? prospectName, CancellationToken cancellationToken)
    {
        Requests.Add(prospectName);
        if (Offer.Available) Phase = LiveChatPhase.Waiting;
        return Task.FromResult(Offer);
    }

    public Task<LiveChatPhase> PhaseAsync(TurnContext turn, CancellationToken cancellationToken) => Task.FromResult(Phase);

    public Task<bool> ForwardAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        Forwarded.Add(turn.Activity.Text);
        return Task.FromResult(Delivers);
    }

    public Task EndAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        Ended++;
        Phase = LiveChatPhase.Ended;
        return Task.CompletedTask;
    }

    public Task DetailsChangedAsync(TurnContext turn, string name, CancellationToken cancellationToken)
    {
        DetailsChanged++;
        return Task.CompletedTask;
    }
}
