namespace PartnerBot.BotFramework.Dialogs;

public enum Interruption
{
    None,
    Help,
    Back,
    StartOver,
    Cancel,
}
