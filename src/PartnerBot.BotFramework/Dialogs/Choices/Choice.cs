namespace PartnerBot.BotFramework.Dialogs.Choices;

/// <summary>
/// One answer a choice prompt offers. <see cref="Value"/> is the stable id stored in state and sent back by
/// card buttons; <see cref="Title"/> is what the user sees; synonyms are other ways to type it.
/// </summary>
public sealed record Choice(string Value, string? Title = null, IReadOnlyList<string>? Synonyms = null)
{
    public string DisplayTitle => Title ?? Value;
}
