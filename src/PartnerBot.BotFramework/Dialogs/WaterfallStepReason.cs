namespace PartnerBot.BotFramework.Dialogs;

public enum WaterfallStepReason
{
    /// <summary>The first step of a new waterfall.</summary>
    Began,

    /// <summary>The previous step's prompt or child dialog returned <c>Result</c>.</summary>
    Resumed,

    /// <summary>The previous step asked nothing and passed <c>Result</c> on (often null: a skipped question).</summary>
    Skipped,

    /// <summary>Re-entered by "back": the previous answers stand and there is no new result to store.</summary>
    WentBack,

    /// <summary>Reached through <c>GoToAsync</c>.</summary>
    Jumped,
}
