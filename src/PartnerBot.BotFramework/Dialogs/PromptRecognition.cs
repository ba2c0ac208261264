namespace PartnerBot.BotFramework.Dialogs;

/// <summary>The outcome of recognizing an answer: the value, or why it was not understood (used in the re-prompt).</summary>
public sealed record PromptRecognition<T>(bool Succeeded, T? Value, string? Problem = null)
{
    public static PromptRecognition<T> Success(T value) => new(true, value);

    public static PromptRecognition<T> Failure(string? problem = null) => new(false, default, problem);
}
