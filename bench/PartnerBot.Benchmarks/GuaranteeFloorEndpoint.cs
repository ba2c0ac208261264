using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Benchmarks;

/// <summary>
/// What the guarantees alone cost: a bare Kestrel endpoint, like the ceiling, that makes exactly the storage calls
/// and Connector posts a PartnerBot turn makes to keep its promises, through the app's own SQLite stores, with none of
/// the rest (no middleware, dialogs, advisor, telemetry). Per activity: the sales record and the ledger are read (a
/// retry is answered from the ledger), the inbound activity is stored before anything else happens, the dialog state
/// is read, the state and the replies are committed together before the first goes out, the delivered count is
/// written before each further reply, and the turn ends with the replies' transcript rows, the sales record and
/// the result. The state, the replies and the record are the bot's own, sampled from its database after the
/// warm-up, so their sizes and reply counts per turn are the real ones.
/// </summary>
internal sealed class GuaranteeFloorEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqliteDatabase _database;
    private readonly string _directory;

    private GuaranteeFloorEndpoint(WebApplication app, SqliteDatabase database, string directory, Uri baseAddress)
    {
        _app = app;
        _database = database;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="botDatabase">The bot's database after warm-up: where the per-turn state, replies and record come from.</param>
    public static async Task<GuaranteeFloorEndpoint> StartAsync(string botDatabase, int scriptLength, int maxConnections)
    {
        var sample = Sample.From(botDatabase, scriptLength);
        var directory = Directory.CreateTempSubdirectory("partnerbot-floor-").FullName;
        var database = new SqliteDatabase(Path.Combine(directory, "floor.db"));
        var state = new SqliteStateStore(database);
        var transcripts = new SqliteTranscriptStore(database);
        var records = new SqliteConversationRecords(database);
        var ledger = new SqliteTurnLedger(database, state, transcripts, records);
        var (app, baseAddress) = await LoopbackApp.StartAsync(
            app =>
            {
                var connector = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("connector");
                app.MapPost("/api/messages", async (HttpContext http) =>
                {
                    var activity = await http.Request.ReadFromJsonAsync<Activity>(BotJson.Options, http.RequestAborted);
                    if (activity?.Conversation?.Id is not { } conversationId || activity.Id is not { } activityId) return Results.BadRequest();
                    var subject = DialogStateKey.For(activity);
                    var existing = await records.GetForTurnAsync(subject, CancellationToken.None);
                    if (await ledger.FindAsync(conversationId, activityId, CancellationToken.None) is not null) return Results.Ok();
                    await transcripts.AppendAsync([new TranscriptEntry(conversationId, subject, TranscriptDirection.Inbound, DateTimeOffset.UtcNow, activity)], CancellationToken.None);

                    var stored = await state.ReadAsync(subject, CancellationToken.None);
                    var replies = sample.RepliesOf(activityId);
                    var record = new TurnRecord(replies, 0, 0, null);
                    await ledger.CommitAsync(new TurnCommit(conversationId, activityId, new StateWrite(subject, sample.StateUtf8, stored?.ETag), record), CancellationToken.None);

                    var url = ConnectorStub.ReplyUrl(activity);
                    var sent = new List<TranscriptEntry>(replies.Count);
                    for (var i = 0; i < replies.Count; i++)
                    {
                        if (i > 0) await ledger.RecordDeliveredAsync(conversationId, activityId, i, CancellationToken.None);
                        var reply = activity.ApplyReplyRouting(JsonSerializer.Deserialize<Activity>(replies[i], BotJson.Options)!);
                        using var posted = await connector.PostAsJsonAsync(url, reply, BotJson.Options, CancellationToken.None);
                        if (!posted.IsSuccessStatusCode) return Results.StatusCode(502);
                        sent.Add(new TranscriptEntry(conversationId, subject, TranscriptDirection.Outbound, DateTimeOffset.UtcNow, reply));
                    }

                    var now = DateTimeOffset.UtcNow;
                    var saved = new ConversationRecord
                    {
                        Id = subject,
                        ConversationId = conversationId,
                        ChannelId = activity.ChannelId ?? "unknown",
                        ConversationType = "personal",
                        UserId = activity.From?.Id,
                        UserName = activity.From?.Name,
                        StartedAt = existing?.StartedAt ?? now,
                        LastActivityAt = now,
                        MessageCount = (existing?.MessageCount ?? 0) + 1,
                        Consent = Consent.Granted,
                        Answers = JsonNode.Parse(sample.Answers),
                        QuestionsAnswered = existing?.QuestionsAnswered ?? 0,
                        ConversationReference = JsonSerializer.SerializeToNode(activity.GetConversationReference(), BotJson.Options),
                    };
                    await ledger.CommitAsync(new TurnCommit(conversationId, activityId, null, record with { Delivered = replies.Count, StatusCode = 200 })
                    {
                        With = [new TranscriptAppend(sent), new RecordSave(saved)],
                    }, CancellationToken.None);
                    return Results.Ok();
                });
            },
            services => services.AddHttpClient("connector").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections }));
        return new GuaranteeFloorEndpoint(app, database, directory, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One conversation of the bot's, as it stored it: the replies of each turn of the script, its state and its answers.</summary>
    private sealed record Sample(IReadOnlyList<string>[] Replies, string State, string Answers)
    {
        /// <summary>The state as the bot's dialogs hand it to storage: serialized to UTF-8 (never changed once written).</summary>
        public byte[] StateUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(State);

        public IReadOnlyList<string> RepliesOf(string activityId) => Replies[int.Parse(activityId, System.Globalization.CultureInfo.InvariantCulture) % Replies.Length];

        public static Sample From(string botDatabase, int scriptLength)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = botDatabase, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var replies = new IReadOnlyList<string>[scriptLength];
            using (var command = connection.CreateCommand())
            {
                // The conversation with the most turns has been through every step of the script.
                command.CommandText =
                    """
                    SELECT activity_id, replies_json FROM turns
                    WHERE conversation_id = (SELECT conversation_id FROM turns GROUP BY conversation_id ORDER BY count(*) DESC LIMIT 1)
                    """;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var step = int.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture) % scriptLength;
                    using var document = JsonDocument.Parse(reader.GetString(1));
                    replies[step] = document.RootElement.EnumerateArray().Select(r => r.GetRawText()).ToList();
                }
            }
            if (replies.Any(r => r is null)) throw new InvalidOperationException("The bot's warm-up did not go through the whole script once.");
            return new Sample(replies, Scalar(connection, "SELECT json FROM state ORDER BY length(json) LIMIT 1 OFFSET (SELECT count(*) / 2 FROM state)"),
                Scalar(connection, "SELECT answers_json FROM conversations WHERE answers_json IS NOT NULL ORDER BY length(answers_json) DESC LIMIT 1"));
        }

        private static string Scalar(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (string)command.ExecuteScalar()!;
        }
    }
}
