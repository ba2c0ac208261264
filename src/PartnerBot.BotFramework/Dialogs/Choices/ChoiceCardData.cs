namespace PartnerBot.BotFramework.Dialogs.Choices;

/// <summary>
/// The data bound into <c>cards/choice-prompt.json</c> (buttons, in <see cref="Rows"/>) and
/// <c>cards/multi-choice-prompt.json</c> (a check list of <see cref="Choices"/>).
/// </summary>
public sealed record ChoiceCardData(string? Progress, string Question, IReadOnlyList<ChoiceCardItem> Choices, string SubmitTitle = "Continue")
{
    /// <summary>Hosts allow few actions per action set (Teams and Web Chat: 5), and a narrow pane fits about three.</summary>
    public const int ButtonsPerRow = 3;

    public IReadOnlyList<ChoiceCardRow> Rows => Choices.Chunk(ButtonsPerRow).Select(row => new ChoiceCardRow(row)).ToList();
}

public sealed record ChoiceCardItem(string Title, string Value);

public sealed record ChoiceCardRow(IReadOnlyList<ChoiceCardItem> Buttons);
