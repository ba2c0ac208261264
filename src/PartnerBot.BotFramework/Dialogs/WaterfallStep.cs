namespace PartnerBot.BotFramework.Dialogs;

public delegate Task<DialogTurnResult> WaterfallStep<TValues>(WaterfallStepContext<TValues> step, CancellationToken cancellationToken)
    where TValues : class, new();
