using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.DirectLine;

/// <summary>
/// How the bot's replies reach an embedded Direct Line conversation: logged with the next watermark and pushed
/// to the conversation's stream. Typing goes over the stream only.
/// </summary>
public sealed class DirectLineDelivery(DirectLineStreams streams, TimeProvider clock) : IActivityDelivery
{
    public async Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("A Direct Line reply needs a conversation id.");
        activity.Timestamp ??= clock.GetUtcNow();
        if (activity.IsType(ActivityTypes.Typing))
        {
            activity.Id = $"{conversationId}|typing-{DirectLineTokens.NewId(6)}";
            streams.Publish(conversationId, new ActivitySet { Activities = [activity] });
            return new ResourceResponse { Id = activity.Id };
        }

        await streams.AppendAndPublishAsync(conversationId, activity, cancellationToken);
        return new ResourceResponse { Id = activity.Id };
    }
}
