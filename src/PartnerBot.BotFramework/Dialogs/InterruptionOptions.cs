namespace PartnerBot.BotFramework.Dialogs;

/// <summary>The words that interrupt any question, and what the bot says when they do.</summary>
public sealed class InterruptionOptions
{
    /// <summary>The <c>value.command</c> a card button sends to trigger an interruption.</summary>
    public const string CommandKey = "command";

    public IReadOnlyList<string> Help { get; init; } = ["help", "?", "what do you mean", "i don t understand", "i dont understand", "explain", "options"];
    public IReadOnlyList<string> Back { get; init; } = ["back", "go back", "previous", "previous question", "undo"];
    public IReadOnlyList<string> StartOver { get; init; } = ["start over", "restart", "reset", "begin again", "start again", "from the beginning"];
    public IReadOnlyList<string> Cancel { get; init; } = ["cancel", "stop", "quit", "exit", "never mind", "nevermind"];

    public string GeneralHelp { get; init; } = "I ask a few short questions and then suggest how to proceed. Answer with the buttons or type your answer.";
    public string NothingToGoBackTo { get; init; } = "This is the first question, so there is nothing to go back to.";
    public string Cancelled { get; init; } = "Okay, I've stopped. Send me a message whenever you want to start again.";
    public string StartingOver { get; init; } = "Sure, let's start over.";
}
