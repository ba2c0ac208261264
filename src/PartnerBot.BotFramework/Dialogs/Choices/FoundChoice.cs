namespace PartnerBot.BotFramework.Dialogs.Choices;

/// <summary>A recognized choice: its value, position in the list and how it was recognized.</summary>
public sealed record FoundChoice(string Value, int Index, ChoiceMatch Match);

public enum ChoiceMatch
{
    Exact,
    Synonym,
    Number,
    Ordinal,
    Partial,
    CardSubmit,
}
