namespace PartnerBot.Storage;

/// <summary>Section <c>Retention</c>: how long each kind of data is kept, and how often the purge runs.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Conversations without consent (declined, unanswered, abandoned), counted from their last activity.</summary>
    public int AnonymousDays { get; set; } = 30;

    /// <summary>Conversations whose prospect consented, counted from their last activity.</summary>
    public int LeadDays { get; set; } = 365;

    /// <summary>Processed-activity ledger entries: channels retry within minutes, so a day or two is plenty.</summary>
    public int LedgerDays { get; set; } = 2;

    /// <summary>Conversations in which the prospect never sent a message (a token never used, a greeting never answered).</summary>
    public int AbandonedHours { get; set; } = 24;

    public int IntervalMinutes { get; set; } = 60;

    public RetentionCutoffs CutoffsAt(DateTimeOffset now) => new(
        now.AddDays(-AnonymousDays),
        now.AddDays(-LeadDays),
        now.AddDays(-LedgerDays),
        now.AddHours(-AbandonedHours));
}
