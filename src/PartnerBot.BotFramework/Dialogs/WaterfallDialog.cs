namespace PartnerBot.BotFramework.Dialogs;

/// <summary>
/// A sequence of steps with typed values that persist across turns. A step ends the turn by prompting,
/// skips ahead with <c>NextAsync</c>, or ends the dialog with a result for its parent. Derived dialogs list
/// their steps, in order, in their constructor with <see cref="AddSteps"/>.
/// </summary>
public class WaterfallDialog<TValues>(string id, IEnumerable<WaterfallStep<TValues>>? steps = null) : Dialog(id), IBackNavigable
    where TValues : class, new()
{
    private readonly List<WaterfallStep<TValues>> _steps = steps?.ToList() ?? [];

    protected void AddSteps(params WaterfallStep<TValues>[] steps) => _steps.AddRange(steps);

    /// <summary>Called with the dialog's values before each step runs, for a dialog that shares them with the rest of its turn.</summary>
    protected virtual void OnStepStarting(DialogContext dc, TValues values)
    {
    }

    /// <summary>The position of a step added with <see cref="AddSteps"/> (delegates to the same method compare equal).</summary>
    internal int IndexOf(WaterfallStep<TValues> step)
    {
        var index = _steps.IndexOf(step);
        return index >= 0 ? index : throw new ArgumentException($"The step {step.Method.Name} is not part of '{Id}'.", nameof(step));
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.GetState<WaterfallState<TValues>>();
        if (options is TValues initial) state.Values = initial;
        return RunStepAsync(dc, 0, null, WaterfallStepReason.Began, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken) =>
        // A waterfall waits only through its children; a message reaching it directly re-runs the waiting step.
        RunStepAsync(dc, dc.ActiveDialog!.GetState<WaterfallState<TValues>>().Index, null, WaterfallStepReason.WentBack, cancellationToken);

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, object? result, CancellationToken cancellationToken) =>
        RunStepAsync(dc, dc.ActiveDialog!.GetState<WaterfallState<TValues>>().Index + 1, result, WaterfallStepReason.Resumed, cancellationToken);

    public override Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public bool CanGoBack(DialogInstance instance) => instance.GetState<WaterfallState<TValues>>().Asked.Count > 1;

    public async Task GoBackAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.GetState<WaterfallState<TValues>>();
        state.Asked.RemoveAt(state.Asked.Count - 1);
        var previous = state.Asked[^1];
        state.Asked.RemoveAt(state.Asked.Count - 1);
        await RunStepAsync(dc, previous, null, WaterfallStepReason.WentBack, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, object? result, WaterfallStepReason reason, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.GetState<WaterfallState<TValues>>();
        if (index >= _steps.Count) return await dc.EndDialogAsync(state.Values, cancellationToken);

        state.Index = index;
        OnStepStarting(dc, state.Values);
        return await _steps[index](new WaterfallStepContext<TValues>(this, dc, state, result, reason), cancellationToken);
    }
}
