using System.Globalization;
using System.Text.Json;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Storage.Sqlite;

/// <summary>Live chats in <c>live_chats</c> (the chat as JSON, its status and a version for the ETag) and <c>live_chat_threads</c>.</summary>
public sealed class SqliteLiveChats(SqliteDatabase database) : ILiveChats
{
    public Task<LiveChat?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(database.Readers.Read(session =>
    {
        using var reader = session.Command("SELECT json, version FROM live_chats WHERE id = $id", ("$id", id)).ExecuteReader();
        return reader.Read() ? Read(reader.GetString(0), reader.GetInt64(1)) : null;
    }));

    public Task<LiveChat?> TrySaveAsync(LiveChat chat, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("livechats.save", write =>
    {
        var json = JsonSerializer.Serialize(chat, BotJson.Options);
        var now = SqliteValues.Format(database.Clock.GetUtcNow());
        long version;
        if (chat.ETag is null)
        {
            if (write.Command("INSERT INTO live_chats (id, status, json, version, updated_at) VALUES ($id, $status, $json, 1, $now) ON CONFLICT (id) DO NOTHING",
                ("$id", chat.Id), ("$status", chat.Status.ToString()), ("$json", json), ("$now", now)).ExecuteNonQuery() == 0) return null;
            version = 1;
        }
        else
        {
            var expected = long.Parse(chat.ETag, CultureInfo.InvariantCulture);
            version = expected + 1;
            if (write.Command("UPDATE live_chats SET status = $status, json = $json, version = $next, updated_at = $now WHERE id = $id AND version = $expected",
                ("$id", chat.Id), ("$status", chat.Status.ToString()), ("$json", json), ("$next", version), ("$expected", expected), ("$now", now)).ExecuteNonQuery() == 0) return null;
        }
        return chat with { ETag = version.ToString(CultureInfo.InvariantCulture) };
    }, cancellationToken);

    public Task<string?> FindByThreadAsync(string threadConversationId, CancellationToken cancellationToken) => Task.FromResult(database.Readers.Read(session =>
        session.Command("SELECT chat_id FROM live_chat_threads WHERE thread_id = $thread", ("$thread", threadConversationId)).ExecuteScalar() as string));

    public Task AddThreadAsync(string threadConversationId, string chatId, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("livechats.thread", write =>
        write.Command("INSERT INTO live_chat_threads (thread_id, chat_id) VALUES ($thread, $chat) ON CONFLICT (thread_id) DO UPDATE SET chat_id = $chat",
            ("$thread", threadConversationId), ("$chat", chatId)).ExecuteNonQuery(), cancellationToken);

    public Task<IReadOnlyList<LiveChat>> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<LiveChat>>(database.Readers.Read(session =>
    {
        var found = new List<LiveChat>();
        using var reader = session.Command("SELECT json, version FROM live_chats WHERE status IN ('Waiting', 'Joined')").ExecuteReader();
        while (reader.Read()) found.Add(Read(reader.GetString(0), reader.GetInt64(1)));
        return found;
    }));

    private static LiveChat Read(string json, long version) =>
        JsonSerializer.Deserialize<LiveChat>(json, BotJson.Options)! with { ETag = version.ToString(CultureInfo.InvariantCulture) };
}
