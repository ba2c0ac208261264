namespace PartnerBot.Storage;

/// <summary>
/// The moments before which data is deleted.
/// <list type="bullet">
/// <item><see cref="AnonymousBefore"/>: conversations without consent (declined, never answered, abandoned) whose last
/// activity is older: their record, transcript, dialog state and Direct Line log. Also anything with no record at all.</item>
/// <item><see cref="LeadsBefore"/>: the same for conversations whose prospect consented.</item>
/// <item><see cref="LedgerBefore"/>: turn ledger entries (the answer and replies kept for a channel's retry of the same activity).</item>
/// <item><see cref="AbandonedBefore"/>: conversations in which the prospect never sent a message (a page opened and left:
/// a Direct Line conversation that never carried an activity, or a record with only the greeting), unless they consented.</item>
/// </list>
/// </summary>
public sealed record RetentionCutoffs(
    DateTimeOffset AnonymousBefore,
    DateTimeOffset LeadsBefore,
    DateTimeOffset LedgerBefore,
    DateTimeOffset AbandonedBefore);
