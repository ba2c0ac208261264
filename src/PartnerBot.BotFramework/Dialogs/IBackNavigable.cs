namespace PartnerBot.BotFramework.Dialogs;

/// <summary>A dialog that can step back to its previous question (the "back" interruption).</summary>
public interface IBackNavigable
{
    bool CanGoBack(DialogInstance instance);

    /// <summary>Called with this dialog on top of the stack; re-asks the previous question.</summary>
    Task GoBackAsync(DialogContext dc, CancellationToken cancellationToken);
}
