using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>What a prompt asks, how it asks again, and what it offers. Persisted with the prompt's state.</summary>
public sealed class PromptOptions
{
    public Activity? Prompt { get; set; }

    /// <summary>Sent after an answer that was not understood; defaults to the prompt itself.</summary>
    public Activity? RetryPrompt { get; set; }

    public List<Choice>? Choices { get; set; }

    /// <summary>Explains the question; sent on "help" and after too many failed attempts.</summary>
    public string? Help { get; set; }

    /// <summary>Failed attempts after which the bot offers help instead of repeating itself.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Shown above the choices on a card (for example "Question 4 of 11").</summary>
    public string? Progress { get; set; }
}
