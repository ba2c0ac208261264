using System.Text.Json.Nodes;

namespace PartnerBot.Storage;

/// <summary>What sales see of one conversation (or one person in a shared Teams conversation).</summary>
public sealed record ConversationRecord
{
    /// <summary>The dialog subject key: conversation, or conversation + user in shared conversations.</summary>
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string ChannelId { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }

    /// <summary>The channel's user id, or its keyed hash when the prospect declined consent.</summary>
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset LastActivityAt { get; init; }
    public int MessageCount { get; init; }
    public Consent Consent { get; init; }

    /// <summary>The answers so far, as the advisor records them.</summary>
    public JsonNode? Answers { get; init; }

    /// <summary>The recommendation (filled by the advisor once it has one).</summary>
    public JsonNode? Outcome { get; init; }

    /// <summary>The engagement model of the outcome, kept apart so sales can filter on it.</summary>
    public string? OutcomeModel { get; init; }

    /// <summary>Contact details when the prospect asked to talk to an expert.</summary>
    public JsonNode? Contact { get; init; }

    /// <summary>The recommendation's starting lifecycle phase, kept apart so sales can filter on it.</summary>
    public string? OutcomePhase { get; init; }

    /// <summary>From the contact details, kept apart for the list, the search and erasure by address.</summary>
    public string? Company { get; init; }

    public string? Email { get; init; }

    public string? ContactName { get; init; }

    /// <summary>How far the prospect got: questions answered, and whether the assessment is complete.</summary>
    public int QuestionsAnswered { get; init; }

    public bool Finished { get; init; }

    /// <summary>Sales' part, never written by a turn.</summary>
    public FollowUp FollowUp { get; init; } = new();

    public FollowUpStatus FollowUpStatus => FollowUp.Status;

    public bool ContactRequested => Contact is not null;

    /// <summary>What the free-text search looks in: company, names and e-mail, lower case.</summary>
    public string SearchText => string.Join(' ', new[] { Company, ContactName, UserName, Email }.Where(v => !string.IsNullOrWhiteSpace(v))).ToLowerInvariant();

    /// <summary>The call the prospect booked from the chat (start, end, Teams link; cancelledAt once cancelled).</summary>
    public JsonNode? Meeting { get; init; }

    /// <summary>How to reach the conversation again (proactive follow-up); absent when consent was declined.</summary>
    public JsonNode? ConversationReference { get; init; }
}
