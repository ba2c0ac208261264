using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>Collects the turn's replies for the HTTP response (<c>deliveryMode: expectReplies</c>).</summary>
public sealed class ExpectRepliesDelivery : IActivityDelivery
{
    private readonly List<Activity> _activities = [];

    public IReadOnlyList<Activity> Activities
    {
        get { lock (_activities) return _activities.ToList(); }
    }

    public Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
    {
        // Typing indicators are meaningless once the replies come back in one response.
        if (!activity.IsType(ActivityTypes.Typing))
        {
            lock (_activities) _activities.Add(activity);
        }
        return Task.FromResult(new ResourceResponse());
    }
}
