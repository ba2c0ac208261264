namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// The turn's activity was already recorded by an earlier turn (a channel's retry), found out by a store during
/// the turn rather than before it (see <see cref="IDeferredDuplicateCheck"/>). Nothing of this turn was written;
/// the adapter answers from <see cref="Record"/> instead.
/// </summary>
public sealed class DuplicateActivityException(TurnRecord record)
    : Exception("The activity was already processed by an earlier turn.")
{
    public TurnRecord Record { get; } = record;
}
