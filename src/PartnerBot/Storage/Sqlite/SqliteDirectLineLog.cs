using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// The embedded Direct Line's activity log: each conversation's activities by watermark, bounded in count and in
/// bytes (a running total on the conversation keeps the bound at one row read per append).
/// </summary>
public sealed class SqliteDirectLineLog(SqliteDatabase database) : IDirectLineLog
{
    public Task<bool> CreateConversationAsync(string conversationId, string userId, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("directline.create", write =>
        write.Command("INSERT INTO directline_conversations (id, user_id, created_at, last_watermark) VALUES ($id, $user, $now, 0) ON CONFLICT (id) DO NOTHING",
            ("$id", conversationId), ("$user", userId), ("$now", database.Now())).ExecuteNonQuery() == 1, cancellationToken);

    public Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken) => database.ReadAsync("directline.exists", session =>
        session.Command("SELECT 1 FROM directline_conversations WHERE id = $id", ("$id", conversationId)).ExecuteScalar() is not null, cancellationToken);

    public Task<long> AppendAsync(string conversationId, Activity activity, DirectLineRetention keep, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("directline.append", write =>
    {
        var watermark = write.Command("UPDATE directline_conversations SET last_watermark = last_watermark + 1 WHERE id = $id RETURNING last_watermark",
            ("$id", conversationId)).ExecuteScalar() is long value ? value : throw new InvalidOperationException($"Direct Line conversation '{conversationId}' does not exist.");
        activity.Id = $"{conversationId}|{watermark:D7}";
        var json = JsonSerializer.Serialize(activity, BotJson.Options);
        long size = Encoding.UTF8.GetByteCount(json);
        write.Command("INSERT INTO directline_activities (conversation_id, watermark, activity_json, size) VALUES ($id, $watermark, $json, $size)",
            ("$id", conversationId), ("$watermark", watermark), ("$json", json), ("$size", size)).ExecuteNonQuery();

        // The kept size is a running total on the conversation, so staying within the limits costs one row read
        // per append; the oldest rows are only walked once the byte budget is exceeded.
        var dropped = SumOf(write.Command("DELETE FROM directline_activities WHERE conversation_id = $id AND watermark <= $oldest RETURNING size",
            ("$id", conversationId), ("$oldest", watermark - keep.Activities)));
        var kept = (long)write.Command("UPDATE directline_conversations SET kept_bytes = kept_bytes + $delta WHERE id = $id RETURNING kept_bytes",
            ("$id", conversationId), ("$delta", size - dropped)).ExecuteScalar()!;
        if (kept > keep.Bytes)
        {
            long excess = kept - keep.Bytes, freed = 0, upTo = 0;
            using (var reader = write.Command("SELECT watermark, size FROM directline_activities WHERE conversation_id = $id AND watermark < $newest ORDER BY watermark",
                ("$id", conversationId), ("$newest", watermark)).ExecuteReader())
            {
                while (freed < excess && reader.Read())
                {
                    upTo = reader.GetInt64(0);
                    freed += reader.GetInt64(1);
                }
            }
            freed = SumOf(write.Command("DELETE FROM directline_activities WHERE conversation_id = $id AND watermark <= $upTo RETURNING size", ("$id", conversationId), ("$upTo", upTo)));
            write.Command("UPDATE directline_conversations SET kept_bytes = kept_bytes - $freed WHERE id = $id", ("$id", conversationId), ("$freed", freed)).ExecuteNonQuery();
        }
        return watermark;
    }, cancellationToken, severalStatements: true);

    public Task RedactAsync(string conversationId, Func<Activity, Activity> redact, Func<string, string> hashUserId, CancellationToken cancellationToken) =>
        database.Writes.ExecuteAsync("directline.redact", write =>
        {
            var user = write.Command("SELECT user_id FROM directline_conversations WHERE id = $id", ("$id", conversationId)).ExecuteScalar() as string;
            if (user is null) return 0;
            write.Command("UPDATE directline_conversations SET user_id = $user WHERE id = $id", ("$id", conversationId), ("$user", hashUserId(user))).ExecuteNonQuery();
            var stored = new List<(long Watermark, string Json, long Size)>();
            using (var reader = write.Command("SELECT watermark, activity_json, size FROM directline_activities WHERE conversation_id = $id", ("$id", conversationId)).ExecuteReader())
            {
                while (reader.Read()) stored.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
            }
            long delta = 0;
            foreach (var (watermark, json, size) in stored)
            {
                var redacted = JsonSerializer.Serialize(redact(JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!), BotJson.Options);
                long redactedSize = Encoding.UTF8.GetByteCount(redacted);
                delta += redactedSize - size;
                write.Command("UPDATE directline_activities SET activity_json = $json, size = $size WHERE conversation_id = $id AND watermark = $watermark",
                    ("$id", conversationId), ("$watermark", watermark), ("$json", redacted), ("$size", redactedSize)).ExecuteNonQuery();
            }
            // The kept size follows the rewritten activities, so the byte bound stays exact.
            write.Command("UPDATE directline_conversations SET kept_bytes = kept_bytes + $delta WHERE id = $id", ("$id", conversationId), ("$delta", delta)).ExecuteNonQuery();
            return stored.Count;
        }, cancellationToken, severalStatements: true);

    public Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long? afterWatermark, DirectLinePage page, CancellationToken cancellationToken) =>
        database.ReadAsync<(IReadOnlyList<Activity>, long)>("directline.read", session =>
        {
            var activities = new List<Activity>();
            var last = afterWatermark ?? 0;
            long bytes = 0;
            using (var reader = session.Command(
                "SELECT watermark, size, activity_json FROM directline_activities WHERE conversation_id = $id AND watermark > $after ORDER BY watermark LIMIT $limit",
                ("$id", conversationId), ("$after", afterWatermark ?? 0), ("$limit", page.Activities)).ExecuteReader())
            {
                while (reader.Read())
                {
                    // The size is read before the text, so a page that is full stops without loading the next activity.
                    var size = reader.GetInt64(1);
                    if (activities.Count > 0 && bytes + size > page.Bytes) break;
                    bytes += size;
                    last = reader.GetInt64(0);
                    activities.Add(JsonSerializer.Deserialize<Activity>(reader.GetString(2), BotJson.Options)!);
                }
            }
            if (activities.Count == 0)
            {
                // Nothing new: the watermark is where the conversation is now (never behind what the client has).
                var current = session.Command("SELECT last_watermark FROM directline_conversations WHERE id = $id", ("$id", conversationId)).ExecuteScalar();
                last = Math.Max(last, current is long value ? value : 0);
            }
            return (activities, last);
        }, cancellationToken);

    private static long SumOf(SqliteCommand command)
    {
        long sum = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read()) sum += reader.GetInt64(0);
        return sum;
    }
}
