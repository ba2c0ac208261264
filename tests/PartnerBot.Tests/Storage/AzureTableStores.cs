using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.DirectLine;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;

namespace PartnerBot.Tests.Storage;

/// <summary>
/// The Azure Table provider's small stores behind one object, so the shared contract tests (written against a
/// store that implements every interface, like the SQLite one) run on it unchanged.
/// </summary>
public sealed class AzureTableStores : IStorage, ITranscriptStore, IConversationRecords, ITurnLedger, IDirectLineLog
{
    public AzureTableStores(AzureTableContext context)
    {
        Context = context;
        State = new TableStateStore(context);
        Transcripts = new TableTranscriptStore(context);
        Records = new TableConversationRecords(context);
        Ledger = new TableTurnLedger(context, State, Transcripts, Records);
        DirectLine = new TableDirectLineLog(context);
    }

    public AzureTableContext Context { get; }

    public TableStateStore State { get; }

    public TableTranscriptStore Transcripts { get; }

    public TableConversationRecords Records { get; }

    public TableTurnLedger Ledger { get; }

    public TableDirectLineLog DirectLine { get; }

    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => State.ReadAsync(key, cancellationToken);

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) => State.WriteAsync(key, json, expectedETag, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => State.DeleteAsync(key, cancellationToken);

    public Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken) => Transcripts.AppendAsync(entries, cancellationToken);

    public Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationId, CancellationToken cancellationToken) => Transcripts.GetTranscriptAsync(conversationId, cancellationToken);

    public Task RedactAsync(string conversationId, string subject, Func<TranscriptEntry, TranscriptEntry> redact, CancellationToken cancellationToken) =>
        Transcripts.RedactAsync(conversationId, subject, redact, cancellationToken);

    public Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken) => Records.GetAsync(id, cancellationToken);

    public Task SaveFromTurnAsync(ConversationRecord record, CancellationToken cancellationToken) => Records.SaveFromTurnAsync(record, cancellationToken);

    public Task<FollowUpResult> UpdateFollowUpAsync(string id, Func<FollowUp, FollowUp> change, long? expectedVersion, CancellationToken cancellationToken) =>
        Records.UpdateFollowUpAsync(id, change, expectedVersion, cancellationToken);

    public Task<ConversationPage> QueryAsync(ConversationQuery query, CancellationToken cancellationToken) => Records.QueryAsync(query, cancellationToken);

    public Task<TurnRecord?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken) => Ledger.FindAsync(conversationId, activityId, cancellationToken);

    public Task<string?> CommitAsync(TurnCommit commit, CancellationToken cancellationToken) => Ledger.CommitAsync(commit, cancellationToken);

    public Task RecordDeliveredAsync(string conversationId, string activityId, int delivered, CancellationToken cancellationToken) =>
        Ledger.RecordDeliveredAsync(conversationId, activityId, delivered, cancellationToken);

    public Task<bool> CreateConversationAsync(string conversationId, string userId, CancellationToken cancellationToken) => DirectLine.CreateConversationAsync(conversationId, userId, cancellationToken);

    public Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken) => DirectLine.ConversationExistsAsync(conversationId, cancellationToken);

    public Task<long> AppendAsync(string conversationId, Activity activity, DirectLineRetention keep, CancellationToken cancellationToken) => DirectLine.AppendAsync(conversationId, activity, keep, cancellationToken);

    public Task RedactAsync(string conversationId, Func<Activity, Activity> redact, Func<string, string> hashUserId, CancellationToken cancellationToken) =>
        DirectLine.RedactAsync(conversationId, redact, hashUserId, cancellationToken);

    public Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long? afterWatermark, DirectLinePage page, CancellationToken cancellationToken) =>
        DirectLine.ReadAsync(conversationId, afterWatermark, page, cancellationToken);
}
