using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs.Choices;

public enum ChoiceStyle
{
    /// <summary>Buttons under the message that disappear once answered (Web Chat, Direct Line, Teams personal chat).</summary>
    SuggestedActions,

    /// <summary>An Adaptive Card with one <c>Action.Submit</c> per choice (Teams channels and group chats).</summary>
    CardButtons,
}

public static class ChoiceStyles
{
    /// <summary>Teams shows suggested actions only in personal chats, and the SDK keeps them to three there.</summary>
    public const int TeamsSuggestedActionLimit = 3;

    public static ChoiceStyle For(Activity inbound, int choiceCount)
    {
        if (!string.Equals(inbound.ChannelId, Channels.MsTeams, StringComparison.OrdinalIgnoreCase)) return ChoiceStyle.SuggestedActions;
        var personal = string.Equals(inbound.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
        return personal && choiceCount <= TeamsSuggestedActionLimit ? ChoiceStyle.SuggestedActions : ChoiceStyle.CardButtons;
    }
}
