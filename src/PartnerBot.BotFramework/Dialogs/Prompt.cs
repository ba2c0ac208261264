using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>
/// Asks one question, recognizes the next message, validates it, and ends with the typed value; otherwise
/// re-prompts with what is expected. After <see cref="PromptOptions.MaxAttempts"/> failures it explains the
/// question and how to get out, instead of repeating the same words.
/// </summary>
public abstract class Prompt<T>(string id, PromptValidator<T>? validator) : Dialog(id)
{
    public const string DefaultHelpFooter = "You can also say \"back\", \"start over\" or \"cancel\" at any time.";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var promptOptions = options as PromptOptions ?? throw new ArgumentException($"Prompt '{Id}' needs PromptOptions.", nameof(options));
        var state = dc.ActiveDialog!.GetState<PromptState>();
        state.Options = promptOptions;
        state.FailedAttempts = 0;
        await SendPromptAsync(dc, promptOptions, retry: false, problem: null, cancellationToken);
        return DialogTurnResult.EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (!CardActionValue.CanAnswerPrompt(dc.Turn.Activity)) return DialogTurnResult.EndOfTurn;

        var state = dc.ActiveDialog!.GetState<PromptState>();
        var recognition = await RecognizeAsync(dc, state.Options, cancellationToken);
        var problem = recognition.Problem;
        if (recognition.Succeeded)
        {
            problem = validator is null ? null : await validator(recognition.Value!, dc, cancellationToken);
            if (problem is null) return await dc.EndDialogAsync(recognition.Value, cancellationToken);
        }

        state.FailedAttempts++;
        if (state.FailedAttempts >= state.Options.MaxAttempts)
        {
            state.FailedAttempts = 0;
            await dc.Turn.SendActivityAsync(Activity.CreateMessage(HelpText(state.Options)), cancellationToken);
            await SendPromptAsync(dc, state.Options, retry: false, problem: null, cancellationToken);
        }
        else
        {
            await SendPromptAsync(dc, state.Options, retry: true, problem, cancellationToken);
        }
        return DialogTurnResult.EndOfTurn;
    }

    public override Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken) =>
        SendPromptAsync(dc, instance.GetState<PromptState>().Options, retry: false, problem: null, cancellationToken);

    public override string? GetHelp(DialogContext dc, DialogInstance instance) => HelpText(instance.GetState<PromptState>().Options);

    protected abstract Task<PromptRecognition<T>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken);

    /// <summary>Sends the question. <paramref name="problem"/> says what was wrong with the last answer, when known.</summary>
    protected virtual async Task SendPromptAsync(DialogContext dc, PromptOptions options, bool retry, string? problem, CancellationToken cancellationToken)
    {
        if (problem is not null) await dc.Turn.SendActivityAsync(Activity.CreateMessage(problem), cancellationToken);
        // A prompt may have no question of its own (the previous message asked it); it still re-asks with its retry prompt.
        var source = retry && problem is null ? options.RetryPrompt ?? options.Prompt : options.Prompt ?? (retry ? options.RetryPrompt : null);
        if (source is null) return;
        var activity = BotJson.Clone(source);
        activity.InputHint = InputHints.ExpectingInput;
        Decorate(dc, options, activity);
        await dc.Turn.SendActivityAsync(activity, cancellationToken);
    }

    /// <summary>Adds what the prompt type needs to the outgoing question (choices, card buttons).</summary>
    protected virtual void Decorate(DialogContext dc, PromptOptions options, Activity activity)
    {
    }

    protected virtual string HelpText(PromptOptions options) =>
        (options.Help is null ? string.Empty : options.Help + "\n\n") + DefaultHelpFooter;
}
