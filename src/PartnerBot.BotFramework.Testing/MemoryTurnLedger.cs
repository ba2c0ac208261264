using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.BotFramework.Testing;

/// <summary>
/// The turn ledger in memory, committing the dialog state of <see cref="MemoryStorage"/> with the turn's record as
/// one unit (a stale ETag records nothing), so a test sees retries, replays and state races as the real stores
/// produce them. The writes a turn hands over with its result are kept in <see cref="Writes"/>, in order.
/// </summary>
public sealed class MemoryTurnLedger(MemoryStorage state) : ITurnLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Conversation, string Activity), TurnRecord> _turns = [];
    private readonly List<ITurnWrite> _writes = [];

    public IReadOnlyList<ITurnWrite> Writes
    {
        get
        {
            lock (_gate) return _writes.ToList();
        }
    }

    public IDeferredDuplicateCheck? DeferredDuplicateCheck => null;

    public Task<TurnRecord?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_turns.GetValueOrDefault((conversationId, activityId)));
    }

    public Task<string?> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var etag = commit.State is { } write ? state.Write(write.Key, write.Json, write.ExpectedETag) : null;
            _turns[(commit.ConversationId, commit.ActivityId)] = commit.Record;
            _writes.AddRange(commit.With);
            return Task.FromResult(etag);
        }
    }

    public Task RecordDeliveredAsync(string conversationId, string activityId, int delivered, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_turns.TryGetValue((conversationId, activityId), out var record) && record.Delivered < delivered)
            {
                _turns[(conversationId, activityId)] = record with { Delivered = delivered };
            }
        }
        return Task.CompletedTask;
    }
}
