using PartnerBot.BotFramework.Dialogs;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// Stands in for a dialog an earlier version had, so that a conversation saved with it on its stack carries on:
/// it ends at once and its parent asks what is still open.
/// </summary>
public sealed class RetiredDialog(string id) : Dialog(id)
{
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(null, cancellationToken);

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(null, cancellationToken);
}
