namespace PartnerBot.Advisor.Dialogs;

/// <summary>The ids the advisor's dialogs are registered under.</summary>
public static class AdvisorDialogIds
{
    public const string Choice = "choice";
    public const string MultiChoice = "multiChoice";
    public const string Confirm = "confirm";
}
