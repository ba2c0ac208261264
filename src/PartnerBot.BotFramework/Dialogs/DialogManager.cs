using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>
/// Runs the dialog stack of a conversation for one turn: loads it, handles the interruptions (help, back,
/// start over, cancel) once before the active step, continues or begins the root dialog, and saves the
/// stack only when it changed, together with the turn's replies (see <see cref="TurnContext.CommitAsync"/>). Saves
/// use the stored ETag: if another instance wrote the same conversation meanwhile, this turn's replies are
/// discarded and the turn runs again on the fresh state, so no update is lost.
/// </summary>
public sealed partial class DialogManager(
    DialogSet dialogs, string rootDialogId, IStorage storage, InterruptionOptions interruptions, ILogger<DialogManager> logger)
{
    private const int MaxConcurrencyRetries = 3;

    public DialogSet Dialogs { get; } = dialogs;

    /// <summary>The default message turn: interruptions first, then the active dialog, or a new root dialog.</summary>
    public Task<DialogTurnResult> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) =>
        RunAsync(turn, ContinueOrBeginAsync, cancellationToken);

    /// <summary>Runs <paramref name="action"/> on the loaded stack and saves it, with the concurrency retry.</summary>
    public async Task<DialogTurnResult> RunAsync(
        TurnContext turn, Func<DialogContext, CancellationToken, Task<DialogTurnResult>> action, CancellationToken cancellationToken)
    {
        var key = DialogStateKey.For(turn.Activity);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await storage.ReadAsync(key, cancellationToken);
            // The frames read their state from the parsed stack until it is saved and the replies are out.
            var (state, document) = DialogState.Parse(stored);
            using var parsed = document;
            var dc = new DialogContext(Dialogs, turn, state);

            turn.BeginBuffering();
            var result = await action(dc, cancellationToken);

            var json = JsonSerializer.SerializeToUtf8Bytes(state, BotJson.Options);
            try
            {
                // The state and the replies it produced are committed together, before the replies go out.
                await turn.CommitAsync(storage, stored?.Holds(json) == true ? null : new StateWrite(key, json, stored?.ETag), cancellationToken);
            }
            catch (ETagConflictException) when (attempt < MaxConcurrencyRetries)
            {
                BotTelemetry.Conflicts.Add(1);
                LogConcurrentWrite(logger, key, attempt);
                turn.DiscardBuffer();
                // The state that won may be this very activity's, from another instance that a channel's retry reached.
                await turn.EnsureNotCommittedElsewhereAsync(cancellationToken);
                continue;
            }
            await turn.FlushBufferAsync(cancellationToken);
            return result;
        }
    }

    /// <summary>Forgets the conversation's dialog (after an error, so it cannot loop on the same failure).</summary>
    public Task ResetAsync(Activity activity, CancellationToken cancellationToken) =>
        storage.DeleteAsync(DialogStateKey.For(activity), cancellationToken);

    public static Interruption Recognize(Activity activity, InterruptionOptions options)
    {
        if (CardActionValue.Of(activity) is JsonObject value && value.TryGetPropertyValue(InterruptionOptions.CommandKey, out var command)
            && command is JsonValue c && c.TryGetValue<string>(out var name) && Enum.TryParse<Interruption>(name, ignoreCase: true, out var fromCard))
        {
            return fromCard;
        }
        var text = ChoiceRecognizer.Normalize(activity.Text);
        if (text.Length == 0 && activity.Text?.Trim() == "?") return Interruption.Help;
        if (text.Length == 0 || text.Length > 40) return Interruption.None;
        if (options.Help.Contains(text)) return Interruption.Help;
        if (options.Back.Contains(text)) return Interruption.Back;
        if (options.StartOver.Contains(text)) return Interruption.StartOver;
        if (options.Cancel.Contains(text)) return Interruption.Cancel;
        return Interruption.None;
    }

    /// <summary>The default handling of a message on a loaded stack: interruptions, then the active dialog, or a new root dialog.</summary>
    public async Task<DialogTurnResult> ContinueOrBeginAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null)
        {
            var interruption = Recognize(dc.Turn.Activity, interruptions);
            switch (interruption)
            {
                case Interruption.Help:
                    await dc.Turn.SendActivityAsync(dc.GetHelp() ?? interruptions.GeneralHelp, cancellationToken);
                    await dc.RepromptDialogAsync(cancellationToken);
                    return DialogTurnResult.EndOfTurn;
                case Interruption.Back:
                    if (!await dc.GoBackAsync(cancellationToken))
                    {
                        await dc.Turn.SendActivityAsync(interruptions.NothingToGoBackTo, cancellationToken);
                        await dc.RepromptDialogAsync(cancellationToken);
                    }
                    return DialogTurnResult.EndOfTurn;
                case Interruption.StartOver:
                    dc.CancelAllDialogs();
                    await dc.Turn.SendActivityAsync(interruptions.StartingOver, cancellationToken);
                    return await dc.BeginDialogAsync(rootDialogId, null, cancellationToken);
                case Interruption.Cancel:
                    await dc.Turn.SendActivityAsync(interruptions.Cancelled, cancellationToken);
                    return dc.CancelAllDialogs();
            }

            var result = await dc.ContinueDialogAsync(cancellationToken);
            if (result.Status != DialogTurnStatus.Empty) return result;
        }
        return await dc.BeginDialogAsync(rootDialogId, null, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialog state {StateKey} was written concurrently; running the turn again (attempt {Attempt})")]
    private static partial void LogConcurrentWrite(ILogger logger, string stateKey, int attempt);
}
