namespace PartnerBot.Storage;

/// <summary>Filters for the sales list; all optional and combined with "and". Newest activity first, paged by <see cref="ContinuationToken"/>.</summary>
public sealed record ConversationQuery
{
    /// <summary>Started at or after.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Started before.</summary>
    public DateTimeOffset? To { get; init; }

    public FollowUpStatus? Status { get; init; }

    public string? OutcomeModel { get; init; }

    /// <summary>The starting lifecycle phase of the recommendation.</summary>
    public string? OutcomePhase { get; init; }

    /// <summary>Any of these channel ids (Teams: msteams; the website: directline, webchat).</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    public string? ChannelId { get => Channels is [var only] ? only : null; init => Channels = value is null ? null : [value]; }

    /// <summary>The owner's id; <see cref="Unowned"/> for leads nobody has taken.</summary>
    public string? OwnerId { get; init; }

    public Consent? Consent { get; init; }

    public bool? ContactRequested { get; init; }

    /// <summary>Words that must all appear in the company, name or e-mail (case-insensitive).</summary>
    public string? Search { get; init; }

    /// <summary>Exactly this contact e-mail address (case-insensitive), for erasure by address.</summary>
    public string? Email { get; init; }

    public int PageSize { get; init; } = 50;

    public string? ContinuationToken { get; init; }

    public const string Unowned = "-";

    /// <summary>The search words as stored in <see cref="ConversationRecord.SearchText"/>.</summary>
    public IReadOnlyList<string> SearchTerms() =>
        string.IsNullOrWhiteSpace(Search) ? [] : Search.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8).ToList();

    /// <summary>The record passes the filters (the providers filter in the store; this is the one definition they follow).</summary>
    public bool Matches(ConversationRecord record) =>
        (From is null || record.StartedAt >= From)
        && (To is null || record.StartedAt < To)
        && (Status is null || record.FollowUp.Status == Status)
        && (OutcomeModel is null || record.OutcomeModel == OutcomeModel)
        && (OutcomePhase is null || record.OutcomePhase == OutcomePhase)
        && (Channels is null || Channels.Contains(record.ChannelId))
        && (OwnerId is null || (OwnerId == Unowned ? record.FollowUp.Owner is null : record.FollowUp.Owner?.Id == OwnerId))
        && (Consent is null || record.Consent == Consent)
        && (ContactRequested is null || record.ContactRequested == ContactRequested)
        && (Email is null || string.Equals(record.Email, Email, StringComparison.OrdinalIgnoreCase))
        && SearchTerms().All(term => record.SearchText.Contains(term, StringComparison.Ordinal));
}
