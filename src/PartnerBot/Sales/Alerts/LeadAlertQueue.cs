using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Alerts;

/// <summary>
/// Puts a ready lead's alerts in the outbox (one per subscribed channel) and wakes the sender. A lead is ready once
/// the prospect consented and either finished the assessment or asked to talk to an expert; it is alerted once.
/// </summary>
public sealed class LeadAlertQueue(ILeadAlerts alerts, IOptions<SalesOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentQueue<string> _refresh = new();

    public static bool IsReady(ConversationRecord? record) =>
        record is { Consent: Consent.Granted } && (record.Finished || record.ContactRequested);

    /// <summary>
    /// Enqueues the lead's alerts when it has just become ready; false when there was nothing to do. A prospect who
    /// finishes is offered an expert right away, so their alert waits <see cref="SalesOptions.AlertDelaySeconds"/>: if
    /// they ask meanwhile, the one card carries their contact details (asking first makes it due at once), and a card
    /// already posted is refreshed with the details.
    /// </summary>
    public async Task<bool> OnSavedAsync(ConversationRecord? before, ConversationRecord after, CancellationToken cancellationToken)
    {
        if (!IsReady(after)) return false;
        var now = clock.GetUtcNow();
        var contactNow = after.ContactRequested && before?.ContactRequested != true;
        var meetingChanged = LeadMeeting.Of(before) != LeadMeeting.Of(after);
        if (IsReady(before))
        {
            if (!contactNow && !meetingChanged) return false;
            foreach (var subscription in await alerts.ActiveSubscriptionsAsync(cancellationToken))
            {
                // One still waiting goes out now, with the details (the card is drawn when it is sent), unless a sender
                // has taken it already; one already posted is refreshed.
                var alert = await alerts.GetAlertAsync(LeadAlert.IdFor(after.Id, subscription.Id), cancellationToken);
                if (alert is { SentAt: not null, ActivityId: not null }) _refresh.Enqueue(alert.Id);
                else if (alert is { Pending: true } && contactNow) await alerts.TryAdvanceAsync(alert.Id, now, cancellationToken);
            }
            Wake();
            return true;
        }
        var due = after.ContactRequested ? now : now.AddSeconds(options.Value.AlertDelaySeconds);
        var added = false;
        foreach (var subscription in await alerts.ActiveSubscriptionsAsync(cancellationToken))
        {
            added |= await alerts.EnqueueAsync(new LeadAlert(LeadAlert.IdFor(after.Id, subscription.Id), after.Id, subscription.Id, now, due), cancellationToken);
        }
        if (added) Wake();
        return added;
    }

    /// <summary>Posted alerts whose card should show what the lead added since (best effort: the workspace has it either way).</summary>
    public bool TryTakeRefresh(out string alertId) => _refresh.TryDequeue(out alertId!);

    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Someone else woke it at the same moment; once is enough.
        }
    }

    /// <summary>Returns when woken or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
