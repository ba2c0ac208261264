namespace PartnerBot.BotFramework.Schema;

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}
