using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Connector;

/// <summary>Delivers a turn's activities through the channel's Connector: as a reply when it has <c>replyToId</c>.</summary>
public sealed class ConnectorDelivery(ConnectorClient client, ConversationSendPacer? pacer = null) : IActivityDelivery
{
    public async Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("An outbound activity needs a conversation id.");
        if (pacer is not null) await pacer.WaitTurnAsync(conversationId, cancellationToken);
        return string.IsNullOrEmpty(activity.ReplyToId)
            ? await client.SendToConversationAsync(conversationId, activity, cancellationToken)
            : await client.ReplyToActivityAsync(conversationId, activity.ReplyToId, activity, cancellationToken);
    }
}
