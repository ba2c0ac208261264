namespace PartnerBot.BotFramework.Dialogs;

/// <summary>Free text. Whitespace-only messages and messages with only attachments are not answers.</summary>
public sealed class TextPrompt(string id, PromptValidator<string>? validator = null, int maxLength = 4000) : Prompt<string>(id, validator)
{
    protected override Task<PromptRecognition<string>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = dc.Turn.Activity.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return Task.FromResult(PromptRecognition<string>.Failure());
        return Task.FromResult(text.Length > maxLength
            ? PromptRecognition<string>.Failure($"That is a bit long for this question; please keep it under {maxLength} characters.")
            : PromptRecognition<string>.Success(text));
    }
}
