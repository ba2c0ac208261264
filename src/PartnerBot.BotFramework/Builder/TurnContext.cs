using System.Text.Json;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// One turn: the inbound activity, the way replies leave, and per-turn state. Outbound activities get
/// the reply routing of the inbound activity and pass through the registered send handlers (transcript
/// logging, typing) before delivery. Every reply other than typing is kept in the turn's outbox, which is
/// committed to the ledger together with the dialog state before the replies go out, so a turn's state and
/// replies survive as one unit. Sends are serialized: the typing indicator may send from another task.
/// </summary>
public sealed class TurnContext
{
    private readonly IActivityDelivery _delivery;
    private readonly ITurnLedger? _ledger;
    private readonly List<SendActivitiesHandler> _sendHandlers = [];
    private readonly List<Action<Activity>> _preparers = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    // Every non-typing reply in order; the first _delivered reached the channel. Replies from _bufferStart on
    // are held (see BeginBuffering) and not yet handed to delivery.
    private readonly List<Activity> _outbox = [];
    private int _delivered;
    // How many delivered replies the ledger knows of (see RecordProgressAsync).
    private int _deliveredRecorded;
    private int? _bufferStart;
    private readonly List<ITurnWrite> _withResult = [];
    private readonly List<Func<CancellationToken, Task>> _afterResult = [];
    private bool _newActivityEnsured;
    private bool _committed;

    /// <param name="ledger">Where the turn is recorded (state and outbox as one unit); null for turns that are not.</param>
    public TurnContext(Activity activity, IActivityDelivery delivery, ITurnLedger? ledger = null)
    {
        Activity = activity;
        _delivery = delivery;
        _ledger = string.IsNullOrEmpty(activity.Id) || activity.Conversation?.Id is null ? null : ledger;
    }

    public Activity Activity { get; }

    public TurnState State { get; } = new();

    /// <summary>True once a non-typing activity has been delivered (or buffered) in this turn.</summary>
    public bool Responded { get; private set; }

    /// <summary>A reply could not be delivered; later replies are kept in the outbox without being attempted.</summary>
    public bool DeliveryFailed { get; private set; }

    /// <summary>Set by the bot when it answers an <c>invoke</c>; returned as the HTTP response.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    public void OnSendActivities(SendActivitiesHandler handler) => _sendHandlers.Add(handler);

    /// <summary>
    /// Changes every activity the turn sends before it is held, recorded or delivered (the language it is shown in,
    /// say): the outbox committed with the state, the transcript and a retry's resend all see the changed activity,
    /// where a <see cref="OnSendActivities"/> handler runs only on the way to the channel.
    /// </summary>
    public void OnPrepareActivity(Action<Activity> prepare) => _preparers.Add(prepare);

    /// <summary>
    /// Makes sure the activity is not one an earlier turn recorded, where the ledger defers that check to the turn's
    /// first write (<see cref="IDeferredDuplicateCheck"/>): middleware that acts on a turn before anything is written
    /// calls this first. Costs nothing once answered.
    /// </summary>
    /// <exception cref="DuplicateActivityException">An earlier turn recorded the activity; answer from its record.</exception>
    public async Task EnsureNewActivityAsync(CancellationToken cancellationToken)
    {
        if (_newActivityEnsured || _ledger?.DeferredDuplicateCheck is not { } deferred) return;
        await deferred.EnsureNewAsync(Activity.Conversation!.Id!, Activity.Id!, cancellationToken);
        _newActivityEnsured = true;
    }

    /// <summary>True when the turn's result is recorded in a ledger, so <see cref="WriteWithResult"/> can be used.</summary>
    public bool RecordsResult => _ledger is not null;

    /// <summary>
    /// Hands a write that ends the turn to the ledger, to go with the turn's final result (one transaction where the
    /// store allows it). Only when <see cref="RecordsResult"/>; otherwise write it directly.
    /// </summary>
    public void WriteWithResult(ITurnWrite write)
    {
        if (_ledger is null) throw new InvalidOperationException("This turn has no ledger; write directly.");
        lock (_withResult) _withResult.Add(write);
    }

    /// <summary>Runs once the final result (and the writes that went with it) is stored.</summary>
    public void AfterResult(Func<CancellationToken, Task> action)
    {
        lock (_afterResult) _afterResult.Add(action);
    }

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateMessage(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken);
        return responses.Count > 0 ? responses[0] : new ResourceResponse();
    }

    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        foreach (var activity in activities)
        {
            Activity.ApplyReplyRouting(activity);
            foreach (var prepare in _preparers) prepare(activity);
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            // Typing is a live signal and never waits in the buffer.
            if (_bufferStart is not null && activities.All(a => !a.IsType(ActivityTypes.Typing)))
            {
                _outbox.AddRange(activities);
                Responded = true;
                return activities.Select(_ => new ResourceResponse()).ToList();
            }
            _outbox.AddRange(activities.Where(IsRecorded));
            return await DeliverAsync(activities, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Holds outbound messages until <see cref="FlushBufferAsync"/>, so that a turn whose state write loses an
    /// optimistic-concurrency race can be run again without the user seeing the first attempt's replies.
    /// </summary>
    public void BeginBuffering()
    {
        lock (_outbox) _bufferStart ??= _outbox.Count;
    }

    /// <summary>Drops the held messages and stops holding new ones.</summary>
    public void DiscardBuffer()
    {
        lock (_outbox)
        {
            if (_bufferStart is not { } start) return;
            _outbox.RemoveRange(start, _outbox.Count - start);
            _bufferStart = null;
            Responded = _outbox.Count > 0;
        }
    }

    /// <summary>
    /// Saves the dialog state (when <paramref name="state"/> is given) and, for a recorded turn, the outbox so far
    /// as one unit in the ledger, before the held replies go out.
    /// </summary>
    /// <exception cref="ETagConflictException">Someone else saved the state first; nothing was written.</exception>
    public async Task<string?> CommitAsync(IStorage storage, StateWrite? state, CancellationToken cancellationToken)
    {
        if (_ledger is null)
        {
            return state is null ? null : await storage.WriteAsync(state.Key, state.Json, state.ExpectedETag, cancellationToken);
        }
        var record = CreateRecord(0, null);
        var etag = await _ledger.CommitAsync(new TurnCommit(Activity.Conversation!.Id!, Activity.Id!, state, record), cancellationToken);
        _committed = true;
        _deliveredRecorded = record.Delivered;
        return etag;
    }

    /// <summary>
    /// After this turn lost a state race: when another turn committed this same activity meanwhile (a channel's retry
    /// that another instance was already running), this turn is the duplicate. It stops, to be answered from that
    /// turn's record, instead of running again on the state that turn left and taking the message for the next answer.
    /// </summary>
    /// <exception cref="DuplicateActivityException">Another turn committed the activity.</exception>
    public async Task EnsureNotCommittedElsewhereAsync(CancellationToken cancellationToken)
    {
        if (_ledger is null || _committed) return;
        if (await _ledger.FindAsync(Activity.Conversation!.Id!, Activity.Id!, cancellationToken) is { } recorded) throw new DuplicateActivityException(recorded);
    }

    /// <summary>
    /// Records the finished turn with what was answered over HTTP (no state: that was committed by the dialogs), with
    /// the writes handed over by <see cref="WriteWithResult"/>, then runs what waited for them.
    /// </summary>
    public async Task CommitResultAsync(int statusCode, string? responseBody, CancellationToken cancellationToken)
    {
        if (_ledger is not null)
        {
            List<ITurnWrite> with;
            lock (_withResult) with = _withResult.ToList();
            await _ledger.CommitAsync(new TurnCommit(Activity.Conversation!.Id!, Activity.Id!, null, CreateRecord(statusCode, responseBody)) { With = with }, cancellationToken);
        }
        List<Func<CancellationToken, Task>> after;
        lock (_afterResult) after = _afterResult.ToList();
        foreach (var action in after) await action(cancellationToken);
    }

    public async Task FlushBufferAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            List<Activity> pending;
            lock (_outbox)
            {
                if (_bufferStart is not { } start) return;
                pending = _outbox.GetRange(start, _outbox.Count - start);
                _bufferStart = null;
            }
            if (pending.Count > 0) await DeliverAsync(pending, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private TurnRecord CreateRecord(int statusCode, string? responseBody)
    {
        lock (_outbox)
        {
            // Kept without the person's id and name (recipient, suggested actions' addressee): a replay addresses them
            // again from the retried activity, and a prospect who declines consent leaves no id in the ledger.
            var replies = _outbox.Select(WithoutRecipient).ToList();
            return new TurnRecord(replies, _delivered, statusCode, responseBody);
        }
    }

    private static string WithoutRecipient(Activity activity)
    {
        var kept = activity.ShallowCopy();
        kept.Recipient = null;
        if (kept.SuggestedActions is { To: not null } suggested) kept.SuggestedActions = new SuggestedActions { Actions = suggested.Actions };
        return JsonSerializer.Serialize(kept, BotJson.Options);
    }

    private static bool IsRecorded(Activity activity) => !activity.IsType(ActivityTypes.Typing);

    /// <summary>
    /// Before a committed turn sends its next reply, tells the ledger how many went out before it, so a crash in the
    /// middle of the sends costs at most the one reply in flight, which the retry sends again; the rest it does not.
    /// After the last reply nothing is written here: the final result, recorded right after the sends, holds the
    /// count. An expectReplies turn needs none of this (its retry rebuilds the whole body from the outbox).
    /// </summary>
    private async Task RecordProgressAsync(CancellationToken cancellationToken)
    {
        int delivered;
        lock (_outbox) delivered = _delivered;
        if (!_committed || _ledger is null || _delivery is ExpectRepliesDelivery || delivered <= _deliveredRecorded) return;
        try
        {
            await _ledger.RecordDeliveredAsync(Activity.Conversation!.Id!, Activity.Id!, delivered, cancellationToken);
            _deliveredRecorded = delivered;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only the crash window widens: were the process to die before the final result, the retry would send
            // these replies again. Holding back the reply for it would cost the person more.
        }
    }

    private async Task<IReadOnlyList<ResourceResponse>> DeliverAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>(activities.Count);
        async Task Deliver()
        {
            foreach (var activity in activities)
            {
                if (DeliveryFailed)
                {
                    // Kept in the outbox, in order, for the channel's retry of this activity.
                    responses.Add(new ResourceResponse());
                    continue;
                }
                if (IsRecorded(activity)) await RecordProgressAsync(cancellationToken);
                try
                {
                    responses.Add(await _delivery.DeliverAsync(activity, cancellationToken));
                }
                catch (Exception exception) when (IsRecorded(activity) && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    DeliveryFailed = true;
                    throw new ActivityDeliveryException("A reply could not be delivered to the channel.", exception);
                }
                if (IsRecorded(activity))
                {
                    lock (_outbox) _delivered++;
                }
                if (!activity.IsType(ActivityTypes.Typing) && !activity.IsType(ActivityTypes.Trace)) Responded = true;
            }
        }

        await RunHandlers(0);
        return responses;

        Task RunHandlers(int index) =>
            index == _sendHandlers.Count ? Deliver() : _sendHandlers[index](this, activities, () => RunHandlers(index + 1));
    }
}
