using PartnerBot.BotFramework.Builder;

namespace PartnerBot.Storage;

/// <summary>The bot's replies of a turn, for the transcript, written with the turn's result.</summary>
public sealed record TranscriptAppend(IReadOnlyList<TranscriptEntry> Entries) : ITurnWrite;

/// <summary>The conversation record as the turn left it, written with the turn's result.</summary>
public sealed record RecordSave(ConversationRecord Record) : ITurnWrite;

/// <summary>The end-of-turn writes one at a time, where a store cannot put them in the turn's own transaction.</summary>
public static class TurnWrites
{
    public static async Task WriteEachAsync(IReadOnlyList<ITurnWrite> writes, ITranscriptStore transcripts, IConversationRecords records, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
        {
            switch (write)
            {
                case TranscriptAppend append:
                    await transcripts.AppendAsync(append.Entries, cancellationToken);
                    break;
                case RecordSave save:
                    await records.SaveFromTurnAsync(save.Record, cancellationToken);
                    break;
                default:
                    throw new NotSupportedException($"A turn cannot write {write.GetType().Name} with its result.");
            }
        }
    }
}
