using PartnerBot.Advisor.Languages;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Contact;

/// <summary>
/// Shows the contact card and waits for its submit. A submit that fails the server-side checks is answered
/// with what was wrong and the card again, pre-filled with what was sent; "no thanks" ends it with no details (the
/// prospect keeps what they were doing); other typed text is answered with a hint.
/// </summary>
public sealed class ContactFormPrompt(string id, CardLibrary cards, TimeProvider clock) : Prompt<ContactDetails>(id, validator: null)
{
    /// <summary>The last submit of this turn, kept only to pre-fill the card that is sent again.</summary>
    private sealed class LastSubmit(Dictionary<string, string?> fields, List<string> problems)
    {
        public Dictionary<string, string?> Fields { get; } = fields;
        public List<string> Problems { get; } = problems;
    }

    protected override Task<PromptRecognition<ContactDetails>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        if (ContactForm.ReadSubmit(CardActionValue.Of(dc.Turn.Activity)) is not { } fields)
        {
            if (IsDecline(dc.Turn.Activity.Text)) return Task.FromResult(new PromptRecognition<ContactDetails>(true, null));
            return Task.FromResult(PromptRecognition<ContactDetails>.Failure(
                "Please fill in the form above and press \"Send\". Or say \"no thanks\" if you'd rather not."));
        }
        var problems = ContactForm.Validate(fields);
        if (problems.Count > 0)
        {
            dc.Turn.State.Set(new LastSubmit(fields, problems));
            return Task.FromResult(PromptRecognition<ContactDetails>.Failure(Texts.Say("Some details need another look:") + "\n\n- " + string.Join("\n- ", problems.Select(Texts.Say))));
        }
        return Task.FromResult(PromptRecognition<ContactDetails>.Success(ContactForm.ToDetails(fields, clock.GetUtcNow())));
    }

    private static bool IsDecline(string? text) =>
        ChoiceRecognizer.Normalize(text) is "skip" or "not now" || ChoiceRecognizer.RecognizeOne(text, YesNo.Choices()) is { Value: ConfirmPrompt.NoValue };

    protected override void Decorate(DialogContext dc, PromptOptions options, Activity activity)
    {
        var last = dc.Turn.State.Get<LastSubmit>();
        string Value(string name) => last?.Fields.GetValueOrDefault(name) ?? string.Empty;
        var data = new ContactFormCardData(
            Value("name"), Value("email"), Value("company"), Value("phone"), Value("message"),
            last?.Fields.GetValueOrDefault("contactTime") ?? "any",
            last?.Problems ?? [],
            ContactForm.ContactTimes.Select(t => new ContactTimeChoice(t.Title, t.Value)).ToList());
        activity.Attachments = [cards.RenderAttachment(ContactForm.CardName, data)];
    }
}
