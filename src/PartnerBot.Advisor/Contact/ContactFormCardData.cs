namespace PartnerBot.Advisor.Contact;

/// <summary>The data bound into <c>cards/contact-form.json</c>; values pre-fill the form after a failed submit.</summary>
public sealed record ContactFormCardData(
    string Name,
    string Email,
    string Company,
    string Phone,
    string Message,
    string ContactTime,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ContactTimeChoice> ContactTimes)
{
    /// <summary>The form as first shown: nothing filled in, any time of day.</summary>
    public static ContactFormCardData Empty { get; } = new("", "", "", "", "", "any", [],
        ContactForm.ContactTimes.Select(t => new ContactTimeChoice(t.Title, t.Value)).ToList());
}

public sealed record ContactTimeChoice(string Title, string Value);
