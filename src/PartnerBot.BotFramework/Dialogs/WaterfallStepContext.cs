using PartnerBot.BotFramework.Builder;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>What a waterfall step sees: the typed values so far, the previous step's result, and how to go on.</summary>
public sealed class WaterfallStepContext<TValues>(
    WaterfallDialog<TValues> waterfall, DialogContext dc, WaterfallState<TValues> state, object? result, WaterfallStepReason reason)
    where TValues : class, new()
{
    /// <summary>Why this step runs: after a prompt, skipped to, or re-entered by "back" (then there is no new result to store).</summary>
    public WaterfallStepReason Reason { get; } = reason;

    public DialogContext Context { get; } = dc;

    public TurnContext Turn => Context.Turn;

    public int Index => state.Index;

    public TValues Values => state.Values;

    /// <summary>The result of the prompt or child dialog the previous step started (or what it passed to <see cref="NextAsync"/>).</summary>
    public object? Result { get; } = result;

    public T ResultAs<T>() => Result is T typed ? typed : throw new InvalidOperationException(
        $"Step {state.Index} of '{waterfall.Id}' expected a {typeof(T).Name} but got {Result?.GetType().Name ?? "nothing"}.");

    /// <summary>Starts a prompt (or any dialog) and ends the turn until it returns.</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken) =>
        BeginDialogAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        // A step that asks again after a loop (next steps, then change an answer, then next steps…) cuts the
        // path back to its first visit, so the back list is a path without cycles, never longer than the steps.
        var earlier = state.Asked.IndexOf(state.Index);
        if (earlier >= 0) state.Asked.RemoveRange(earlier, state.Asked.Count - earlier);
        state.Asked.Add(state.Index);
        return Context.BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Skips to the next step without asking anything.</summary>
    public Task<DialogTurnResult> NextAsync(object? result, CancellationToken cancellationToken) =>
        waterfall.RunStepAsync(Context, state.Index + 1, result, WaterfallStepReason.Skipped, cancellationToken);

    /// <summary>Jumps to another step of this waterfall (used to loop back, e.g. "change an answer").</summary>
    public Task<DialogTurnResult> GoToAsync(int index, object? result, CancellationToken cancellationToken) =>
        waterfall.RunStepAsync(Context, index, result, WaterfallStepReason.Jumped, cancellationToken);

    /// <summary>Jumps to another step of this waterfall, named by its method rather than its position.</summary>
    public Task<DialogTurnResult> GoToAsync(WaterfallStep<TValues> target, object? result, CancellationToken cancellationToken) =>
        waterfall.RunStepAsync(Context, waterfall.IndexOf(target), result, WaterfallStepReason.Jumped, cancellationToken);

    /// <summary>Ends the waterfall; its parent receives <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> EndAsync(object? result, CancellationToken cancellationToken) =>
        Context.EndDialogAsync(result, cancellationToken);
}
