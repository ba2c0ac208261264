namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Erasure on the embedded store: one transaction deletes the prospect's rows and leaves an anonymous statistics
/// row. The writer runs with <c>secure_delete</c>, so the deleted content is overwritten in the pages, and a
/// TRUNCATE checkpoint then empties the WAL, which still held the pages as they were before.
/// </summary>
public sealed class SqliteErasure(SqliteDatabase database, SqliteStateStore state, SqliteConversationRecords records) : IConversationErasure
{
    public async Task<bool> EraseAsync(string recordId, CancellationToken cancellationToken)
    {
        var erased = await database.Writes.ExecuteAsync("conversations.erase", write =>
        {
            using var reader = write.Command(
                "SELECT conversation_id, channel_id, started_at, consent, finished, contact_json IS NOT NULL, outcome_model FROM conversations WHERE id = $id",
                ("$id", recordId)).ExecuteReader();
            if (!reader.Read()) return false;
            var conversationId = reader.GetString(0);
            (string, object?)[] statistic =
            [
                ("$erased", SqliteValues.Format(database.Clock.GetUtcNow())), ("$started", reader.GetString(2)), ("$channel", reader.GetString(1)),
                ("$consent", reader.GetString(3)), ("$finished", reader.GetInt32(4)), ("$contact", reader.GetInt32(5)), ("$model", SqliteValues.NullableString(reader, 6)),
            ];
            reader.Close();

            write.Command("DELETE FROM conversations WHERE id = $id", ("$id", recordId)).ExecuteNonQuery();
            write.Command("DELETE FROM transcript WHERE conversation_id = $conversation AND subject = $id", ("$conversation", conversationId), ("$id", recordId)).ExecuteNonQuery();
            write.Command("DELETE FROM state WHERE key = $id", ("$id", recordId)).ExecuteNonQuery();
            write.Command("DELETE FROM alert_outbox WHERE record_id = $id", ("$id", recordId)).ExecuteNonQuery();
            write.Command("DELETE FROM live_chats WHERE id = $id", ("$id", recordId)).ExecuteNonQuery();
            write.Command("DELETE FROM live_chat_threads WHERE chat_id = $id", ("$id", recordId)).ExecuteNonQuery();
            write.Command("DELETE FROM webhook_outbox WHERE record_id = $id", ("$id", recordId)).ExecuteNonQuery();
            // The ledger keeps each turn's replies, which address the prospect: none of the conversation's stays.
            write.Command("DELETE FROM turns WHERE conversation_id = $conversation", ("$conversation", conversationId)).ExecuteNonQuery();
            if (write.Command("SELECT 1 FROM conversations WHERE conversation_id = $conversation LIMIT 1", ("$conversation", conversationId)).ExecuteScalar() is null)
            {
                // Nobody else's record is in this conversation: what is left of it is the prospect's too.
                write.Command("DELETE FROM transcript WHERE conversation_id = $conversation", ("$conversation", conversationId)).ExecuteNonQuery();
                write.Command("DELETE FROM directline_activities WHERE conversation_id = $conversation", ("$conversation", conversationId)).ExecuteNonQuery();
                write.Command("DELETE FROM directline_conversations WHERE id = $conversation", ("$conversation", conversationId)).ExecuteNonQuery();
            }
            write.Command(
                """
                INSERT INTO erased_conversations (erased_at, started_at, channel_id, consent, finished, contact_requested, outcome_model)
                VALUES ($erased, $started, $channel, $consent, $finished, $contact, $model)
                """, statistic).ExecuteNonQuery();
            return true;
        }, cancellationToken, severalStatements: true);

        // The prospect's dialog state and record are gone from the file; nothing of them stays in this process either.
        state.Forget(recordId);
        records.Forget(recordId);
        // Readers can keep the log busy for a while; the deleted rows are overwritten in the pages already, and the
        // checkpointer empties the log at its next quiet moment. The erasure itself is done either way.
        if (erased) await database.Checkpointer.TruncateAsync(cancellationToken);
        return erased;
    }
}
