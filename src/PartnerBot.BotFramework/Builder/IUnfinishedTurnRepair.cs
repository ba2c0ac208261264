using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// Writes what a turn would have written with its final result, for a turn whose dialogs committed but whose final
/// result never was (the process stopped between the two): the replies' transcript rows, for example. Called once,
/// when the channel's retry of that activity is answered from the ledger; the ledger then records the result.
/// </summary>
public interface IUnfinishedTurnRepair
{
    /// <param name="replies">The turn's committed replies, addressed to the person of <paramref name="inbound"/>.</param>
    Task RepairAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken);
}
