namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Retention for the embedded store. Candidates are found on a read connection (which never blocks turns) and
/// deleted through the write queue in small batches, each delete checking its condition again, so a prospect who
/// comes back while the purge runs keeps everything.
/// </summary>
public sealed class SqliteRetention(SqliteDatabase database) : IRetentionStore
{
    private const int Batch = 100;

    private const string Expired =
        """
        ((consent = 'Granted' AND last_activity_at < $leads)
        OR (consent <> 'Granted' AND (last_activity_at < $anonymous OR (message_count = 0 AND last_activity_at < $abandoned))))
        """;

    public async Task<RetentionReport> PurgeAsync(RetentionCutoffs cutoffs, CancellationToken cancellationToken)
    {
        var parameters = new (string, object?)[]
        {
            ("$anonymous", SqliteValues.Format(cutoffs.AnonymousBefore)),
            ("$leads", SqliteValues.Format(cutoffs.LeadsBefore)),
            ("$ledger", SqliteValues.Format(cutoffs.LedgerBefore)),
            ("$abandoned", SqliteValues.Format(cutoffs.AbandonedBefore)),
        };
        var report = RetentionReport.None;
        report = report.Add(await RepeatAsync(() => PurgeExpiredConversationsAsync(parameters, cancellationToken)));
        report = report.Add(await RepeatAsync(() => PurgeUnrecordedTranscriptsAsync(parameters, cancellationToken)));
        report = report.Add(await RepeatAsync(() => PurgeUnrecordedDirectLineAsync(parameters, cancellationToken)));
        report = report.Add(await database.Writes.ExecuteAsync("retention.state", write => RetentionReport.None with
        {
            // Dialog state nobody has a record for (a turn that never produced one) goes after the anonymous period.
            DialogStates = write.Command(
                "DELETE FROM state WHERE updated_at < $anonymous AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = state.key)",
                parameters).ExecuteNonQuery(),
        }, cancellationToken));
        report = report.Add(await RepeatAsync(() => database.Writes.ExecuteAsync("retention.directline.abandoned", write => RetentionReport.None with
        {
            DirectLineConversations = write.Command(
                $"DELETE FROM directline_conversations WHERE id IN (SELECT id FROM directline_conversations WHERE last_watermark = 0 AND created_at < $abandoned LIMIT {Batch})",
                parameters).ExecuteNonQuery(),
        }, cancellationToken)));
        report = report.Add(await RepeatAsync(() => database.Writes.ExecuteAsync("retention.ledger", write => RetentionReport.None with
        {
            LedgerEntries = write.Command(
                $"DELETE FROM turns WHERE (conversation_id, activity_id) IN (SELECT conversation_id, activity_id FROM turns WHERE recorded_at < $ledger LIMIT {Batch * 10})",
                parameters).ExecuteNonQuery(),
        }, cancellationToken)));
        return report;
    }

    /// <summary>Runs one batch after another until a batch deletes nothing.</summary>
    private static async Task<RetentionReport> RepeatAsync(Func<Task<RetentionReport>> batch)
    {
        var total = RetentionReport.None;
        while (true)
        {
            var deleted = await batch();
            if (deleted.Total == 0) return total;
            total = total.Add(deleted);
        }
    }

    /// <summary>Records past their period, with their transcript and state, and their Direct Line log once no record of the conversation is left.</summary>
    private async Task<RetentionReport> PurgeExpiredConversationsAsync((string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var subjects = database.Readers.Read(session =>
        {
            var found = new List<(string Id, string ConversationId)>();
            using var reader = session.Command($"SELECT id, conversation_id FROM conversations WHERE {Expired} LIMIT {Batch}", parameters).ExecuteReader();
            while (reader.Read()) found.Add((reader.GetString(0), reader.GetString(1)));
            return found;
        });
        if (subjects.Count == 0) return RetentionReport.None;

        return await database.Writes.ExecuteAsync("retention.conversations", write =>
        {
            var report = RetentionReport.None;
            foreach (var (id, conversationId) in subjects)
            {
                var deleted = write.Command($"DELETE FROM conversations WHERE id = $id AND {Expired}", [.. parameters, ("$id", id)]).ExecuteNonQuery();
                if (deleted == 0) continue;
                report = report.Add(new RetentionReport(
                    deleted,
                    write.Command("DELETE FROM transcript WHERE conversation_id = $conversation AND subject = $id", ("$conversation", conversationId), ("$id", id)).ExecuteNonQuery(),
                    write.Command("DELETE FROM state WHERE key = $id", ("$id", id)).ExecuteNonQuery(),
                    0, 0));
                write.Command("DELETE FROM alert_outbox WHERE record_id = $id", ("$id", id)).ExecuteNonQuery();
                write.Command("DELETE FROM live_chats WHERE id = $id", ("$id", id)).ExecuteNonQuery();
                write.Command("DELETE FROM live_chat_threads WHERE chat_id = $id", ("$id", id)).ExecuteNonQuery();
                write.Command("DELETE FROM webhook_outbox WHERE record_id = $id", ("$id", id)).ExecuteNonQuery();
                if (write.Command("SELECT 1 FROM conversations WHERE conversation_id = $conversation LIMIT 1", ("$conversation", conversationId)).ExecuteScalar() is null)
                {
                    report = report.Add(DeleteConversation(write, conversationId));
                }
            }
            return report;
        }, cancellationToken, severalStatements: true);
    }

    /// <summary>Transcript entries of subjects that never got a record (noise, events), after the anonymous period.</summary>
    private async Task<RetentionReport> PurgeUnrecordedTranscriptsAsync((string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var subjects = database.Readers.Read(session =>
        {
            var found = new List<(string ConversationId, string Subject)>();
            using var reader = session.Command(
                $"""
                SELECT DISTINCT conversation_id, subject FROM transcript t
                WHERE logged_at < $anonymous AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = t.subject)
                LIMIT {Batch}
                """, parameters).ExecuteReader();
            while (reader.Read()) found.Add((reader.GetString(0), reader.GetString(1)));
            return found;
        });
        if (subjects.Count == 0) return RetentionReport.None;

        return await database.Writes.ExecuteAsync("retention.transcript", write =>
        {
            var deleted = 0;
            foreach (var (conversationId, subject) in subjects)
            {
                deleted += write.Command(
                    """
                    DELETE FROM transcript WHERE conversation_id = $conversation AND subject = $subject AND logged_at < $anonymous
                    AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = $subject)
                    """, [.. parameters, ("$conversation", conversationId), ("$subject", subject)]).ExecuteNonQuery();
            }
            return RetentionReport.None with { TranscriptEntries = deleted };
        }, cancellationToken, severalStatements: true);
    }

    /// <summary>Direct Line conversations older than the anonymous period that no conversation record refers to.</summary>
    private async Task<RetentionReport> PurgeUnrecordedDirectLineAsync((string, object?)[] parameters, CancellationToken cancellationToken)
    {
        const string Unrecorded = "created_at < $anonymous AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.conversation_id = d.id)";
        var conversations = database.Readers.Read(session =>
        {
            var found = new List<string>();
            using var reader = session.Command($"SELECT id FROM directline_conversations d WHERE {Unrecorded} LIMIT {Batch}", parameters).ExecuteReader();
            while (reader.Read()) found.Add(reader.GetString(0));
            return found;
        });
        if (conversations.Count == 0) return RetentionReport.None;

        return await database.Writes.ExecuteAsync("retention.directline", write =>
        {
            var report = RetentionReport.None;
            foreach (var id in conversations)
            {
                var stillUnrecorded = write.Command($"SELECT 1 FROM directline_conversations d WHERE id = $id AND {Unrecorded}", [.. parameters, ("$id", id)]).ExecuteScalar() is not null;
                if (stillUnrecorded) report = report.Add(DeleteConversation(write, id));
            }
            return report;
        }, cancellationToken, severalStatements: true);
    }

    /// <summary>Everything left of a conversation once none of its records is kept: its Direct Line log and any unrecorded transcript.</summary>
    private static RetentionReport DeleteConversation(SqliteWriteContext write, string conversationId)
    {
        var transcript = write.Command("DELETE FROM transcript WHERE conversation_id = $conversation", ("$conversation", conversationId)).ExecuteNonQuery();
        write.Command("DELETE FROM directline_activities WHERE conversation_id = $conversation", ("$conversation", conversationId)).ExecuteNonQuery();
        var directLine = write.Command("DELETE FROM directline_conversations WHERE id = $conversation", ("$conversation", conversationId)).ExecuteNonQuery();
        return RetentionReport.None with { TranscriptEntries = transcript, DirectLineConversations = directLine };
    }
}
