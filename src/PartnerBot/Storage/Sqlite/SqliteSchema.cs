using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// The embedded store's schema, versioned with <c>PRAGMA user_version</c>. Migrations only ever append:
/// a database written by an older version is brought forward on start, never rebuilt.
/// </summary>
public static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: dialog state, transcript, conversation records, processed-activity ledger.
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            json TEXT NOT NULL,
            etag TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE transcript (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            subject TEXT NOT NULL,
            direction TEXT NOT NULL,
            logged_at TEXT NOT NULL,
            activity_json TEXT NOT NULL);
        CREATE INDEX ix_transcript_conversation ON transcript (conversation_id, seq);
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            conversation_type TEXT,
            tenant_id TEXT,
            user_id TEXT,
            user_name TEXT,
            started_at TEXT NOT NULL,
            last_activity_at TEXT NOT NULL,
            message_count INTEGER NOT NULL,
            consent TEXT NOT NULL,
            answers_json TEXT,
            outcome_json TEXT,
            outcome_model TEXT,
            contact_json TEXT,
            follow_up_status TEXT NOT NULL,
            notes TEXT,
            reference_json TEXT);
        CREATE INDEX ix_conversations_started ON conversations (started_at);
        CREATE INDEX ix_conversations_last_activity ON conversations (last_activity_at, id);
        CREATE INDEX ix_conversations_status ON conversations (follow_up_status);
        CREATE INDEX ix_conversations_model ON conversations (outcome_model);
        CREATE TABLE processed_activities (
            conversation_id TEXT NOT NULL,
            activity_id TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            completed_at TEXT,
            response_json TEXT,
            PRIMARY KEY (conversation_id, activity_id));
        CREATE INDEX ix_processed_claimed ON processed_activities (claimed_at);
        """,

        // 2: the embedded Direct Line's conversations and their recent activities by watermark.
        """
        CREATE TABLE directline_conversations (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_watermark INTEGER NOT NULL);
        CREATE TABLE directline_activities (
            conversation_id TEXT NOT NULL,
            watermark INTEGER NOT NULL,
            activity_json TEXT NOT NULL,
            PRIMARY KEY (conversation_id, watermark)) WITHOUT ROWID;
        """,

        // 3: the turn ledger records each turn's replies (its outbox) beside the HTTP answer, written in the same
        // transaction as the dialog state; inbound transcript entries are unique per activity id, so a retried
        // activity is never logged twice.
        """
        DROP TABLE processed_activities;
        CREATE TABLE turns (
            conversation_id TEXT NOT NULL,
            activity_id TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            replies_json TEXT NOT NULL,
            delivered INTEGER NOT NULL,
            status_code INTEGER NOT NULL,
            response_json TEXT,
            PRIMARY KEY (conversation_id, activity_id)) WITHOUT ROWID;
        CREATE INDEX ix_turns_recorded ON turns (recorded_at);
        ALTER TABLE transcript ADD COLUMN activity_id TEXT;
        CREATE UNIQUE INDEX ux_transcript_inbound ON transcript (conversation_id, activity_id) WHERE direction = 'Inbound' AND activity_id IS NOT NULL;
        """,

        // 4: the embedded Direct Line's log is bounded in bytes too: each activity's size, and each conversation's total.
        """
        ALTER TABLE directline_activities ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
        UPDATE directline_activities SET size = length(CAST(activity_json AS BLOB));
        ALTER TABLE directline_conversations ADD COLUMN kept_bytes INTEGER NOT NULL DEFAULT 0;
        UPDATE directline_conversations SET kept_bytes =
            (SELECT COALESCE(SUM(size), 0) FROM directline_activities WHERE conversation_id = directline_conversations.id);
        """,

        // 5: the sales workspace: what the list shows and filters on (phase, company, e-mail, progress, owner), the
        // follow-up (owner, timeline, version), the anonymous rows erased conversations leave, and the audit log.
        """
        ALTER TABLE conversations ADD COLUMN outcome_phase TEXT;
        ALTER TABLE conversations ADD COLUMN company TEXT;
        ALTER TABLE conversations ADD COLUMN email TEXT;
        ALTER TABLE conversations ADD COLUMN contact_name TEXT;
        ALTER TABLE conversations ADD COLUMN questions_answered INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE conversations ADD COLUMN finished INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE conversations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE conversations ADD COLUMN owner_id TEXT;
        ALTER TABLE conversations ADD COLUMN follow_up_json TEXT;
        ALTER TABLE conversations ADD COLUMN sales_version INTEGER NOT NULL DEFAULT 0;
        UPDATE conversations SET company = json_extract(contact_json, '$.company'), email = json_extract(contact_json, '$.email'),
            contact_name = json_extract(contact_json, '$.name') WHERE contact_json IS NOT NULL;
        UPDATE conversations SET search_text = lower(trim(coalesce(company, '') || ' ' || coalesce(contact_name, '') || ' ' || coalesce(user_name, '') || ' ' || coalesce(email, '')));
        UPDATE conversations SET follow_up_status = 'Lost' WHERE follow_up_status = 'Closed';
        UPDATE conversations SET finished = 1 WHERE json_extract(answers_json, '$.completed') = 1;
        CREATE INDEX ix_conversations_email ON conversations (email COLLATE NOCASE);
        CREATE INDEX ix_conversations_owner ON conversations (owner_id);
        CREATE TABLE erased_conversations (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            erased_at TEXT NOT NULL,
            started_at TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            consent TEXT NOT NULL,
            finished INTEGER NOT NULL,
            contact_requested INTEGER NOT NULL,
            outcome_model TEXT);
        CREATE INDEX ix_erased_started ON erased_conversations (started_at);
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT);
        """,

        // 6: lead alerts: the Teams channels that receive them and the outbox the sender delivers from.
        """
        CREATE TABLE alert_subscriptions (
            id TEXT PRIMARY KEY,
            service_url TEXT NOT NULL,
            tenant_id TEXT,
            team_id TEXT,
            bot_id TEXT,
            subscribed_by TEXT NOT NULL,
            subscribed_at TEXT NOT NULL,
            active INTEGER NOT NULL,
            inactive_reason TEXT);
        CREATE TABLE alert_outbox (
            id TEXT PRIMARY KEY,
            record_id TEXT NOT NULL,
            subscription_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            due_at TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            sent_at TEXT,
            activity_id TEXT,
            given_up INTEGER NOT NULL,
            last_error TEXT);
        CREATE INDEX ix_alert_outbox_due ON alert_outbox (due_at) WHERE sent_at IS NULL AND given_up = 0;
        """,

        // 7: live hand-offs: one row per lead (the chat as JSON, versioned), and the Teams threads their cards started.
        """
        CREATE TABLE live_chats (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            json TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX ix_live_chats_open ON live_chats (status) WHERE status IN ('Waiting', 'Joined');
        CREATE TABLE live_chat_threads (
            thread_id TEXT PRIMARY KEY,
            chat_id TEXT NOT NULL);
        CREATE INDEX ix_live_chat_threads_chat ON live_chat_threads (chat_id);
        """,

        // 8: the webhook outbox: one row per event and endpoint, its id the webhook-id of every attempt.
        """
        CREATE TABLE webhook_outbox (
            id TEXT PRIMARY KEY,
            endpoint TEXT NOT NULL,
            event_type TEXT NOT NULL,
            record_id TEXT,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            due_at TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            delivered_at TEXT,
            given_up INTEGER NOT NULL,
            last_status INTEGER,
            last_error TEXT);
        CREATE INDEX ix_webhook_outbox_due ON webhook_outbox (due_at) WHERE delivered_at IS NULL AND given_up = 0;
        CREATE INDEX ix_webhook_outbox_endpoint ON webhook_outbox (endpoint, created_at);
        CREATE INDEX ix_webhook_outbox_record ON webhook_outbox (record_id);
        """,

        // 9: the call a prospect booked from the chat.
        """
        ALTER TABLE conversations ADD COLUMN meeting_json TEXT;
        """,

        // 10: each webhook endpoint's health: failing since when, disabled since when.
        """
        CREATE TABLE webhook_endpoints (
            name TEXT PRIMARY KEY,
            failing_since TEXT,
            disabled_at TEXT);
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database to <see cref="CurrentVersion"/>; returns the version it found.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            // WAL lets readers (sales) run beside the writer (turns); NORMAL sync is durable across process crashes.
            wal.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            wal.ExecuteNonQuery();
        }

        var found = ReadVersion(connection);
        if (found > CurrentVersion)
        {
            throw new InvalidOperationException($"The database is at schema version {found}, newer than this PartnerBot ({CurrentVersion}). Upgrade PartnerBot instead.");
        }
        for (var version = found; version < CurrentVersion; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        return found;
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
