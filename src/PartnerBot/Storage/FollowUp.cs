namespace PartnerBot.Storage;

/// <summary>
/// Sales' part of a conversation record: status, owner and timeline. Only sales (the workspace, a claim in Teams)
/// change it, always through <see cref="IConversationRecords.UpdateFollowUpAsync"/>; <see cref="Version"/> grows by
/// one with every change and is the ETag the workspace edits with, so two people editing at once never overwrite
/// each other silently.
/// </summary>
public sealed record FollowUp
{
    /// <summary>The newest entries are kept; older ones beyond this fall off the record.</summary>
    public const int MaxTimeline = 200;

    public const int MaxNoteLength = 4000;

    public FollowUpStatus Status { get; init; } = FollowUpStatus.New;

    public SalesPerson? Owner { get; init; }

    public IReadOnlyList<FollowUpEvent> Timeline { get; init; } = [];

    public long Version { get; init; }

    public FollowUp With(FollowUpEvent entry) => this with { Timeline = [.. Timeline.Skip(Math.Max(0, Timeline.Count + 1 - MaxTimeline)), entry] };
}

/// <summary>Someone from sales: their Entra object id (or "local" in local mode) and display name.</summary>
public sealed record SalesPerson(string Id, string Name);

public sealed record FollowUpEvent(DateTimeOffset At, SalesPerson Author, FollowUpEventKind Kind, string Text);

public enum FollowUpEventKind
{
    Note,
    Status,
    Owner,
}
