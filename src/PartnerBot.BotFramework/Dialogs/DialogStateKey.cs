using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>
/// Where a dialog stack is stored: per conversation, or per conversation and user where several people
/// talk in one conversation (Teams channels and group chats), so each person has their own dialog.
/// </summary>
public static class DialogStateKey
{
    public static string For(Activity activity)
    {
        var channel = activity.ChannelId ?? "unknown";
        var conversation = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        var key = $"{channel}/conversations/{conversation}";
        return IsShared(activity) ? $"{key}/users/{activity.From?.Id ?? "unknown"}" : key;
    }

    public static bool IsShared(Activity activity) =>
        activity.Conversation?.IsGroup == true
        || string.Equals(activity.Conversation?.ConversationType, ConversationTypes.Channel, StringComparison.OrdinalIgnoreCase)
        || string.Equals(activity.Conversation?.ConversationType, ConversationTypes.GroupChat, StringComparison.OrdinalIgnoreCase);
}
