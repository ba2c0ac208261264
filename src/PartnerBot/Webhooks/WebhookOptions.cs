namespace PartnerBot.Webhooks;

/// <summary>
/// Section <c>Webhooks</c>: endpoints that receive the lead's events, signed per the Standard Webhooks specification
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>: HMAC-SHA256 with the endpoint's secret).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public WebhookEndpoint[] Endpoints { get; set; } = [];

    /// <summary>The first retry waits this long; each next one twice as long, at most an hour.</summary>
    public int RetrySeconds { get; set; } = 5;

    /// <summary>A delivery still failing this long after its event is given up (and shown as such).</summary>
    public double GiveUpHours { get; set; } = 24;

    /// <summary>
    /// An endpoint failing this long without a single success is disabled: its deliveries are held (kept, not sent)
    /// until sales enable it again in the workspace.
    /// </summary>
    public double DisableAfterHours { get; set; } = 72;

    /// <summary>How long one attempt may take.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How often the sender looks for due deliveries when nothing woke it.</summary>
    public int PollSeconds { get; set; } = 5;
}

/// <param name="Name">How the workspace names it; the URL's host when empty.</param>
/// <param name="Secret">The <c>whsec_…</c> secret the receiver verifies with: from the environment or Key Vault.</param>
/// <param name="Events">The events it wants; all of them when empty.</param>
public sealed class WebhookEndpoint
{
    public string? Name { get; set; }

    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";

    public string[] Events { get; set; } = [];

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? (Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Host : Url) : Name;

    public bool Wants(string eventType) => Events.Length == 0 || Events.Contains(eventType, StringComparer.Ordinal);
}

/// <summary>The events a lead's webhooks carry.</summary>
public static class WebhookEventTypes
{
    public const string LeadCreated = "lead.created";
    public const string AssessmentFinished = "assessment.finished";
    public const string ContactRequested = "contact.requested";
    public const string HandoffStarted = "handoff.started";
    public const string HandoffEnded = "handoff.ended";
    public const string LeadUpdated = "lead.updated";
    public const string LeadErased = "lead.erased";
    public const string MeetingBooked = "meeting.booked";
    public const string MeetingCancelled = "meeting.cancelled";

    public static readonly IReadOnlyList<string> All =
        [LeadCreated, AssessmentFinished, ContactRequested, MeetingBooked, MeetingCancelled, HandoffStarted, HandoffEnded, LeadUpdated, LeadErased];
}
