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

    /// <summary>When a colleague first joined a live chat with this lead (the list filters on it).</summary>
    public DateTimeOffset? LiveChatAt { get; init; }

    public long Version { get; init; }

    /// <summary>The timeline's text is kept under this, oldest entries first to go: on Table storage the follow-up is
    /// one property of the record's entity, which holds 1 MiB in all.</summary>
    public const int MaxTimelineCharacters = 100_000;

    public FollowUp With(FollowUpEvent entry)
    {
        var timeline = Timeline.Skip(Math.Max(0, Timeline.Count + 1 - MaxTimeline)).Append(entry).ToList();
        while (timeline.Count > 1 && timeline.Sum(e => e.Text.Length + e.Author.Name.Length + 64) > MaxTimelineCharacters) timeline.RemoveAt(0);
        return this with { Timeline = timeline };
    }

    /// <summary>A stored status; "Closed" is what the first version called a finished lead (now <see cref="FollowUpStatus.Lost"/> unless said).</summary>
    public static FollowUpStatus ParseStatus(string? text) =>
        Enum.TryParse<FollowUpStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : text == "Closed" ? FollowUpStatus.Lost : FollowUpStatus.New;

    /// <summary>The single notes field of records from before the timeline, as its first entry.</summary>
    public static FollowUp FromLegacyNotes(string? notes, DateTimeOffset at) => string.IsNullOrWhiteSpace(notes)
        ? new FollowUp()
        : new FollowUp { Timeline = [new FollowUpEvent(at, new SalesPerson("earlier", "Earlier notes"), FollowUpEventKind.Note, notes)] };
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
