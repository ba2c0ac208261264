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

    /// <summary>Stopped at this question (numbered as asked: answered one fewer and did not finish).</summary>
    public int? DroppedAt { get; init; }

    /// <summary>Nothing happened in the conversation since then (it is not still under way).</summary>
    public DateTimeOffset? QuietSince { get; init; }

    /// <summary>A colleague chatted live with the prospect (true), or never did (false).</summary>
    public bool? ChattedLive { get; init; }

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

    /// <summary>The filters as conditions, all of which a record must meet: the one definition every provider translates.</summary>
    public IReadOnlyList<FilterCondition> Conditions()
    {
        var conditions = new List<FilterCondition>();
        if (From is { } from) conditions.Add(new(RecordField.StartedAt, FilterOperator.AtLeast, from));
        if (To is { } to) conditions.Add(new(RecordField.StartedAt, FilterOperator.Before, to));
        if (Status is { } status) conditions.Add(new(RecordField.Status, FilterOperator.Is, status.ToString()));
        if (OutcomeModel is { } model) conditions.Add(new(RecordField.OutcomeModel, FilterOperator.Is, model));
        if (OutcomePhase is { } phase) conditions.Add(new(RecordField.OutcomePhase, FilterOperator.Is, phase));
        if (Channels is { Count: > 0 } channels) conditions.Add(new(RecordField.ChannelId, FilterOperator.IsAnyOf, channels));
        if (OwnerId == Unowned) conditions.Add(new(RecordField.OwnerId, FilterOperator.IsMissing));
        else if (OwnerId is { } owner) conditions.Add(new(RecordField.OwnerId, FilterOperator.Is, owner));
        if (Consent is { } consent) conditions.Add(new(RecordField.Consent, FilterOperator.Is, consent.ToString()));
        if (ContactRequested is { } contact) conditions.Add(new(RecordField.Contact, contact ? FilterOperator.IsPresent : FilterOperator.IsMissing));
        if (DroppedAt is { } question)
        {
            conditions.Add(new(RecordField.Finished, FilterOperator.IsNumber, 0L));
            conditions.Add(new(RecordField.QuestionsAnswered, FilterOperator.IsNumber, (long)question - 1));
        }
        if (QuietSince is { } quiet) conditions.Add(new(RecordField.LastActivityAt, FilterOperator.Before, quiet));
        if (ChattedLive is { } live) conditions.Add(new(RecordField.LiveChat, live ? FilterOperator.IsPresent : FilterOperator.IsMissing));
        if (Email is { } email) conditions.Add(new(RecordField.Email, FilterOperator.IsIgnoringCase, email));
        conditions.AddRange(SearchTerms().Select(term => new FilterCondition(RecordField.SearchText, FilterOperator.Contains, term)));
        return conditions;
    }

    /// <summary>The record passes the filters.</summary>
    public bool Matches(ConversationRecord record) => Conditions().All(condition => condition.Holds(record));
}
