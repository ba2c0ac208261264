using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Contact;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Dialogs;

/// <summary>
/// Collects the prospect's contact details for an expert. A prospect who declined to have the conversation
/// kept is asked once more, explicitly, before anything is stored. Ends with the details, or null.
/// </summary>
public sealed class ContactDialog : WaterfallDialog<ContactDialog.Progress>
{
    /// <summary>Begin with <see cref="ConsentConfirmed"/> true when the prospect consented at the start.</summary>
    public sealed class Progress
    {
        public bool ConsentConfirmed { get; set; }
    }

    public ContactDialog()
        : base(nameof(ContactDialog))
    {
        AddSteps(ConsentStepAsync, FormStepAsync, DoneStepAsync);
    }

    private Task<DialogTurnResult> ConsentStepAsync(WaterfallStepContext<Progress> step, CancellationToken ct) =>
        step.Values.ConsentConfirmed
            ? step.NextAsync(true, ct)
            : step.PromptAsync(AdvisorDialogIds.Confirm, new PromptOptions
            {
                Prompt = Activity.CreateMessage(AdvisorMessages.ContactConsentQuestion),
                Choices = YesNo.Choices("Yes, that's fine", "No, thanks"),
                Help = AdvisorMessages.ContactConsentHelp,
            }, ct);

    private async Task<DialogTurnResult> FormStepAsync(WaterfallStepContext<Progress> step, CancellationToken ct)
    {
        if (step.Reason != WaterfallStepReason.WentBack && step.Result is false)
        {
            await step.Turn.SendActivityAsync(AdvisorMessages.ContactDeclined, ct);
            return await step.EndAsync(null, ct);
        }
        step.Values.ConsentConfirmed = true;
        return await step.PromptAsync(AdvisorDialogIds.ContactForm, new PromptOptions
        {
            Prompt = Activity.CreateMessage(AdvisorMessages.ContactFormIntro),
            Help = AdvisorMessages.ContactFormHelp,
            MaxAttempts = 4,
        }, ct);
    }

    private async Task<DialogTurnResult> DoneStepAsync(WaterfallStepContext<Progress> step, CancellationToken ct)
    {
        if (step.Result is not ContactDetails) await step.Turn.SendActivityAsync(AdvisorMessages.ContactFormDeclined, ct);
        return await step.EndAsync(step.Result as ContactDetails, ct);
    }
}
