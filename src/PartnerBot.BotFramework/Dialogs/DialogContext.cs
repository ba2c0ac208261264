using PartnerBot.BotFramework.Builder;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>The dialog stack of one conversation during one turn, and the operations on it.</summary>
public sealed class DialogContext(DialogSet dialogs, TurnContext turn, DialogState state)
{
    public DialogSet Dialogs { get; } = dialogs;

    public TurnContext Turn { get; } = turn;

    public DialogState State { get; } = state;

    public IReadOnlyList<DialogInstance> Stack => State.Stack;

    public DialogInstance? ActiveDialog => State.Stack.Count == 0 ? null : State.Stack[^1];

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        var dialog = Dialogs.Find(dialogId);
        State.Stack.Add(new DialogInstance { Id = dialogId });
        return await dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    public Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken) =>
        ActiveDialog is { } active
            ? Dialogs.Find(active.Id).ContinueDialogAsync(this, cancellationToken)
            : Task.FromResult(new DialogTurnResult(DialogTurnStatus.Empty));

    /// <summary>Pops the active dialog and hands its result to the parent, or completes the stack.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result, CancellationToken cancellationToken)
    {
        if (State.Stack.Count > 0) State.Stack.RemoveAt(State.Stack.Count - 1);
        return ActiveDialog is { } parent
            ? await Dialogs.Find(parent.Id).ResumeDialogAsync(this, result, cancellationToken)
            : new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    public DialogTurnResult CancelAllDialogs()
    {
        State.Stack.Clear();
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    public Task RepromptDialogAsync(CancellationToken cancellationToken) =>
        ActiveDialog is { } active ? Dialogs.Find(active.Id).RepromptDialogAsync(this, active, cancellationToken) : Task.CompletedTask;

    /// <summary>The help text of the innermost dialog that has one.</summary>
    public string? GetHelp()
    {
        for (var i = State.Stack.Count - 1; i >= 0; i--)
        {
            var instance = State.Stack[i];
            if (Dialogs.Find(instance.Id).GetHelp(this, instance) is { } help) return help;
        }
        return null;
    }

    /// <summary>
    /// Re-asks the previous question: finds the innermost dialog that can go back, drops what is above it,
    /// and lets it step back. Returns false when there is nothing to go back to.
    /// </summary>
    public async Task<bool> GoBackAsync(CancellationToken cancellationToken)
    {
        for (var i = State.Stack.Count - 1; i >= 0; i--)
        {
            if (Dialogs.Find(State.Stack[i].Id) is not IBackNavigable navigable || !navigable.CanGoBack(State.Stack[i])) continue;
            State.Stack.RemoveRange(i + 1, State.Stack.Count - i - 1);
            await navigable.GoBackAsync(this, cancellationToken);
            return true;
        }
        return false;
    }
}
