namespace PartnerBot.Advisor.Contact;

/// <summary>A prospect's request to talk to an expert (a lead for sales).</summary>
public sealed record ContactDetails(
    string Name,
    string Email,
    string Company,
    string? Phone,
    string? Message,
    string? PreferredContactTime,
    DateTimeOffset SubmittedAt);
