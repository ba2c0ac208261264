using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;

namespace PartnerBot.ConversationLog;

/// <summary>
/// The bot's replies of a turn that stopped between its dialogs' commit and its final result (a crash, a kill) go
/// into the transcript when the channel's retry is answered from the ledger, so sales read the conversation whole.
/// They are stored redacted unless the prospect is known to have agreed: the stopped turn may have been the very one
/// in which they declined, and its own redaction never ran.
/// </summary>
public sealed class UnfinishedTurnTranscript(ITranscriptStore transcripts, IConversationRecords records, TranscriptRedactor redactor, TimeProvider clock) : IUnfinishedTurnRepair
{
    public async Task RepairAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        if (replies.Count == 0) return;
        var conversationId = inbound.Conversation!.Id!;
        var subject = DialogStateKey.For(inbound);
        var granted = (await records.GetAsync(subject, cancellationToken))?.Consent == Consent.Granted;
        var now = clock.GetUtcNow();
        var entries = replies
            .Select(reply => new TranscriptEntry(conversationId, subject, TranscriptDirection.Outbound, now, granted ? reply : redactor.Redact(reply)))
            .ToList();
        await transcripts.AppendAsync(entries, cancellationToken);
    }
}
