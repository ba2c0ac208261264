using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>
/// Where a dialog stack is stored: per conversation, or per conversation and user where several people
/// talk in one conversation (Teams channels and group chats), so each person has their own dialog. The user's
/// part is a hash of their channel id, so the key (which also names their transcript and sales record) does not
/// carry the id in clear: a prospect who declines consent leaves no readable id behind.
/// </summary>
public static class DialogStateKey
{
    public static string For(Activity activity)
    {
        var channel = activity.ChannelId ?? "unknown";
        var conversation = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        var key = $"{channel}/conversations/{conversation}";
        return IsShared(activity) ? $"{key}/users/{UserSegment(activity.From?.Id ?? "unknown")}" : key;
    }

    private static string UserSegment(string userId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId)))[..32];

    public static bool IsShared(Activity activity) =>
        activity.Conversation?.IsGroup == true
        || string.Equals(activity.Conversation?.ConversationType, ConversationTypes.Channel, StringComparison.OrdinalIgnoreCase)
        || string.Equals(activity.Conversation?.ConversationType, ConversationTypes.GroupChat, StringComparison.OrdinalIgnoreCase);
}
