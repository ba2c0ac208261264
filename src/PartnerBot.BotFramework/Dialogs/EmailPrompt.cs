using System.Text.RegularExpressions;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>An e-mail address, found in the message even when it is part of a sentence ("it's jo@acme.com").</summary>
public sealed partial class EmailPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    public static bool IsValid(string? email) => email is not null && email.Length <= 254 && WholeAddress().IsMatch(email);

    protected override Task<PromptRecognition<string>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        var match = AddressInText().Match(dc.Turn.Activity.Text ?? string.Empty);
        return Task.FromResult(match.Success && IsValid(match.Value)
            ? PromptRecognition<string>.Success(match.Value)
            : PromptRecognition<string>.Failure("That doesn't look like an e-mail address. Please type it like name@company.com."));
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")]
    private static partial Regex WholeAddress();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex AddressInText();
}
