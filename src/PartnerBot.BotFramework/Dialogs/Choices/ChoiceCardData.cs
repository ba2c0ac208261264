namespace PartnerBot.BotFramework.Dialogs.Choices;

/// <summary>The data bound into <c>cards/choice-prompt.json</c> and <c>cards/multi-choice-prompt.json</c>.</summary>
public sealed record ChoiceCardData(string? Progress, string Question, IReadOnlyList<ChoiceCardItem> Choices, string SubmitTitle = "Continue");

public sealed record ChoiceCardItem(string Title, string Value);
