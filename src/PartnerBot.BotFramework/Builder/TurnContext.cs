using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// One turn: the inbound activity, the way replies leave, and per-turn state. Outbound activities get
/// the reply routing of the inbound activity and pass through the registered send handlers (transcript
/// logging, typing) before delivery.
/// </summary>
public sealed class TurnContext
{
    private readonly IActivityDelivery _delivery;
    private readonly List<SendActivitiesHandler> _sendHandlers = [];
    private List<Activity>? _buffer;

    public TurnContext(Activity activity, IActivityDelivery delivery)
    {
        Activity = activity;
        _delivery = delivery;
    }

    public Activity Activity { get; }

    public TurnState State { get; } = new();

    /// <summary>True once a non-typing activity has been delivered (or buffered) in this turn.</summary>
    public bool Responded { get; private set; }

    /// <summary>Set by the bot when it answers an <c>invoke</c>; returned as the HTTP response.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    public void OnSendActivities(SendActivitiesHandler handler) => _sendHandlers.Add(handler);

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateMessage(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken);
        return responses.Count > 0 ? responses[0] : new ResourceResponse();
    }

    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        foreach (var activity in activities) Activity.ApplyReplyRouting(activity);

        // Typing is a live signal and never waits in the buffer.
        if (_buffer is not null && activities.All(a => !a.IsType(ActivityTypes.Typing)))
        {
            _buffer.AddRange(activities);
            Responded = true;
            return activities.Select(_ => new ResourceResponse()).ToList();
        }
        return await DeliverAsync(activities, cancellationToken);
    }

    /// <summary>
    /// Holds outbound messages until <see cref="FlushBufferAsync"/>, so that a turn whose state write loses an
    /// optimistic-concurrency race can be run again without the user seeing the first attempt's replies.
    /// </summary>
    public void BeginBuffering() => _buffer = [];

    /// <summary>Drops the held messages and stops holding new ones.</summary>
    public void DiscardBuffer()
    {
        if (_buffer is null) return;
        _buffer = null;
        Responded = false;
    }

    public async Task FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (_buffer is null) return;
        var pending = _buffer.ToList();
        _buffer = null;
        if (pending.Count > 0) await DeliverAsync(pending, cancellationToken);
    }

    private async Task<IReadOnlyList<ResourceResponse>> DeliverAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>(activities.Count);
        async Task Deliver()
        {
            foreach (var activity in activities)
            {
                responses.Add(await _delivery.DeliverAsync(activity, cancellationToken));
                if (!activity.IsType(ActivityTypes.Typing) && !activity.IsType(ActivityTypes.Trace)) Responded = true;
            }
        }

        await RunHandlers(0);
        return responses;

        Task RunHandlers(int index) =>
            index == _sendHandlers.Count ? Deliver() : _sendHandlers[index](this, activities, () => RunHandlers(index + 1));
    }
}
