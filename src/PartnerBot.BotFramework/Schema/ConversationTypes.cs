namespace PartnerBot.BotFramework.Schema;

/// <summary>Values of <c>conversation.conversationType</c> (Teams sets them; other channels may not).</summary>
public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}
