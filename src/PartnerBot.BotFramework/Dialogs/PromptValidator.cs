namespace PartnerBot.BotFramework.Dialogs;

/// <summary>Checks a recognized value; returns null when it is acceptable, or the message telling the user what is expected.</summary>
public delegate Task<string?> PromptValidator<T>(T value, DialogContext dc, CancellationToken cancellationToken);
