namespace PartnerBot.BotFramework.Dialogs;

public sealed class PromptState
{
    public PromptOptions Options { get; set; } = new();

    public int FailedAttempts { get; set; }
}
