namespace PartnerBot.Advisor.Dialogs;

/// <summary>The ids the advisor's prompts are registered under (dialogs use their class name).</summary>
public static class AdvisorDialogIds
{
    public const string Choice = "choice";
    public const string Answer = "answer";
    public const string MultiChoice = "multiChoice";
    public const string Confirm = "confirm";
    public const string ContactForm = "contactForm";
}
