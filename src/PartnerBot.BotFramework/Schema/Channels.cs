namespace PartnerBot.BotFramework.Schema;

/// <summary>The channel ids the Bot Framework uses in <c>activity.channelId</c>.</summary>
public static class Channels
{
    public const string MsTeams = "msteams";
    public const string DirectLine = "directline";
    public const string WebChat = "webchat";
    public const string Emulator = "emulator";
    public const string Test = "test";
}
