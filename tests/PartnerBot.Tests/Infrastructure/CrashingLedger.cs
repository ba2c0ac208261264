using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>The ledger writes of one turn, in the order a turn makes them.</summary>
public enum LedgerWrite
{
    /// <summary>The dialogs' commit: state and replies, no status yet.</summary>
    DialogCommit,

    /// <summary>The count of replies sent so far, written before the next one goes out.</summary>
    Delivered,

    /// <summary>The turn's final result.</summary>
    Result,
}

/// <summary>
/// The real ledger of the app, except that one chosen write of one chosen activity's turn is the process's last act:
/// the write is done, then the turn never goes on, as if the process had been killed right after it. Other turns
/// pass through untouched. A test then starts a second app on the same store, as the restart after the crash.
/// </summary>
public class CrashingLedger(ITurnLedger inner, string activityId, LedgerWrite crashAfter, int occurrence = 1) : ITurnLedger
{
    private readonly TaskCompletionSource _crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<LedgerWrite> _writes = [];

    public IDeferredDuplicateCheck? DeferredDuplicateCheck => inner.DeferredDuplicateCheck;

    /// <summary>Completes when the chosen write is done and the turn has stopped for good.</summary>
    public Task Crashed => _crashed.Task;

    /// <summary>The writes the chosen activity's turn made, in order.</summary>
    public IReadOnlyList<LedgerWrite> Writes
    {
        get
        {
            lock (_writes) return _writes.ToList();
        }
    }

    /// <summary>Puts a crashing ledger in front of the one the app registers, for the turn of <paramref name="activityId"/>.</summary>
    public static Action<IServiceCollection> Install(string activityId, LedgerWrite crashAfter, Action<CrashingLedger> created, int occurrence = 1) => services =>
    {
        var registered = services.Last(d => d.ServiceType == typeof(ITurnLedger));
        services.Remove(registered);
        services.AddSingleton<ITurnLedger>(sp =>
        {
            var real = registered.ImplementationFactory?.Invoke(sp)
                ?? registered.ImplementationInstance
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            // A ledger that defers its duplicate check stays one, and one that does not is not made one.
            var crashing = real is IDeferredDuplicateCheck
                ? new Deferring((ITurnLedger)real, activityId, crashAfter, occurrence)
                : new CrashingLedger((ITurnLedger)real, activityId, crashAfter, occurrence);
            created(crashing);
            return crashing;
        });
    };

    public Task<TurnRecord?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        inner.FindAsync(conversationId, activityId, cancellationToken);

    public async Task<string?> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        var etag = await inner.CommitAsync(commit, cancellationToken);
        await AfterAsync(commit.ActivityId, commit.Record.StatusCode == 0 ? LedgerWrite.DialogCommit : LedgerWrite.Result);
        return etag;
    }

    public async Task RecordDeliveredAsync(string conversationId, string activityId, int delivered, CancellationToken cancellationToken)
    {
        await inner.RecordDeliveredAsync(conversationId, activityId, delivered, cancellationToken);
        await AfterAsync(activityId, LedgerWrite.Delivered);
    }

    private Task AfterAsync(string writtenFor, LedgerWrite write)
    {
        if (writtenFor != activityId) return Task.CompletedTask;
        int seen;
        lock (_writes)
        {
            _writes.Add(write);
            seen = _writes.Count(w => w == write);
        }
        if (write != crashAfter || seen != occurrence) return Task.CompletedTask;
        _crashed.TrySetResult();
        // Never completes and ignores cancellation: nothing of this turn runs after the write.
        return new TaskCompletionSource().Task;
    }

    private sealed class Deferring(ITurnLedger inner, string activityId, LedgerWrite crashAfter, int occurrence)
        : CrashingLedger(inner, activityId, crashAfter, occurrence), IDeferredDuplicateCheck
    {
        private readonly IDeferredDuplicateCheck _checks = (IDeferredDuplicateCheck)inner;

        public void Defer(string conversationId, string activityId) => _checks.Defer(conversationId, activityId);

        public Task EnsureNewAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
            _checks.EnsureNewAsync(conversationId, activityId, cancellationToken);

        public void Forget(string conversationId, string activityId) => _checks.Forget(conversationId, activityId);
    }
}
