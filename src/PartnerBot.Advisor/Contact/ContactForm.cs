using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Dialogs;

namespace PartnerBot.Advisor.Contact;

/// <summary>
/// The contact card's fields and the server-side checks behind them. The card validates too (isRequired,
/// regex), but a submit can be forged or come from a client that ignores card validation, so nothing is
/// stored unless it passes here.
/// </summary>
public static class ContactForm
{
    public const string CardName = "contact-form";
    public const string SubmitMarker = "contactForm";
    public const int MaxNameLength = 100;
    public const int MaxCompanyLength = 150;
    public const int MaxMessageLength = 2000;

    public static readonly IReadOnlyList<(string Value, string Title)> ContactTimes =
    [
        ("morning", "Morning"),
        ("afternoon", "Afternoon"),
        ("any", "Any time"),
    ];

    /// <summary>The submitted values, or null when the activity is not a submit of this form.</summary>
    public static Dictionary<string, string?>? ReadSubmit(JsonNode? value)
    {
        if (value is not JsonObject obj || !obj.ContainsKey(SubmitMarker)) return null;
        string? Field(string name) =>
            obj.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>().Trim() is { Length: > 0 } text ? text : null
                : null;
        return new Dictionary<string, string?>
        {
            ["name"] = Field("name"),
            ["email"] = Field("email"),
            ["company"] = Field("company"),
            ["phone"] = Field("phone"),
            ["message"] = Field("message"),
            ["contactTime"] = Field("contactTime"),
        };
    }

    /// <summary>The problems with a submit, in the words the card uses; empty when it is valid.</summary>
    public static List<string> Validate(IReadOnlyDictionary<string, string?> fields)
    {
        var problems = new List<string>();
        if (fields["name"] is not { } name) problems.Add("Please enter your name.");
        else if (name.Length > MaxNameLength) problems.Add($"Please keep your name under {MaxNameLength} characters.");
        // A name or company is one line: a line break or other control character could change how it is shown.
        else if (name.Any(char.IsControl)) problems.Add("Please enter your name on one line.");
        if (!EmailPrompt.IsValid(fields["email"])) problems.Add("Please enter a valid work e-mail address, like name@company.com.");
        if (fields["company"] is not { } company) problems.Add("Please enter your company.");
        else if (company.Length > MaxCompanyLength) problems.Add($"Please keep the company name under {MaxCompanyLength} characters.");
        else if (company.Any(char.IsControl)) problems.Add("Please enter the company name on one line.");
        if (fields["phone"] is { } phone && PhonePrompt.Normalize(phone) is null) problems.Add("The phone number doesn't look right; use digits, for example +41 44 123 45 67, or leave it empty.");
        if (fields["message"] is { Length: > MaxMessageLength }) problems.Add($"Please keep the message under {MaxMessageLength} characters.");
        if (fields["contactTime"] is { } time && ContactTimes.All(t => t.Value != time)) problems.Add("Please choose a preferred contact time from the list.");
        return problems;
    }

    public static ContactDetails ToDetails(IReadOnlyDictionary<string, string?> fields, DateTimeOffset now) => new(
        fields["name"]!,
        fields["email"]!,
        fields["company"]!,
        fields["phone"] is { } phone ? PhonePrompt.Normalize(phone) : null,
        fields["message"],
        fields["contactTime"],
        now);
}
