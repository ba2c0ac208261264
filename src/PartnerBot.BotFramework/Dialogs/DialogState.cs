namespace PartnerBot.BotFramework.Dialogs;

/// <summary>The persisted dialog stack of one conversation (or one user in a shared conversation); top is last.</summary>
public sealed class DialogState
{
    public List<DialogInstance> Stack { get; set; } = [];
}
