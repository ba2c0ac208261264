using System.Text.RegularExpressions;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>A phone number in international or local notation, returned with separators normalized.</summary>
public sealed partial class PhonePrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Allowed().IsMatch(text.Trim())) return null;
        var digits = text.Count(char.IsAsciiDigit);
        if (digits is < 6 or > 15) return null;
        return Spaces().Replace(text.Trim(), " ");
    }

    protected override Task<PromptRecognition<string>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(Normalize(dc.Turn.Activity.Text) is { } phone
            ? PromptRecognition<string>.Success(phone)
            : PromptRecognition<string>.Failure("That doesn't look like a phone number. Please use digits, for example +41 44 123 45 67."));

    [GeneratedRegex(@"^\+?[0-9 ()./\-]+$")]
    private static partial Regex Allowed();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
