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
    IReadOnlyList<ContactTimeChoice> ContactTimes);

public sealed record ContactTimeChoice(string Title, string Value);
