using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

public sealed class SqliteWebhookOutbox(SqliteDatabase database) : IWebhookOutbox
{
    private const string Columns = "id, endpoint, event_type, record_id, payload, created_at, due_at, attempts, delivered_at, given_up, last_status, last_error";

    public Task EnqueueAsync(IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("webhooks.enqueue", write =>
    {
        foreach (var delivery in deliveries)
        {
            write.Command(
                $"INSERT INTO webhook_outbox ({Columns}) VALUES ($id, $endpoint, $type, $record, $payload, $created, $due, 0, NULL, 0, NULL, NULL) ON CONFLICT (id) DO NOTHING",
                ("$id", delivery.Id), ("$endpoint", delivery.Endpoint), ("$type", delivery.EventType), ("$record", delivery.RecordId), ("$payload", delivery.Payload),
                ("$created", SqliteValues.Format(delivery.CreatedAt)), ("$due", SqliteValues.Format(delivery.DueAt))).ExecuteNonQuery();
        }
        return deliveries.Count;
    }, cancellationToken, severalStatements: true);

    public Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<WebhookDelivery>>(database.Readers.Read(session =>
    {
        var found = new List<WebhookDelivery>();
        using var reader = session.Command($"SELECT {Columns} FROM webhook_outbox WHERE delivered_at IS NULL AND given_up = 0 AND due_at <= $now ORDER BY due_at, created_at LIMIT $limit",
            ("$now", SqliteValues.Format(now)), ("$limit", limit)).ExecuteReader();
        while (reader.Read()) found.Add(Read(reader));
        return found;
    }));

    public Task<WebhookDelivery?> TryTakeAsync(WebhookDelivery delivery, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("webhooks.take", write =>
        write.Command(
            "UPDATE webhook_outbox SET due_at = $lease, attempts = attempts + 1 WHERE id = $id AND due_at = $due AND attempts = $attempts AND delivered_at IS NULL AND given_up = 0",
            ("$id", delivery.Id), ("$lease", SqliteValues.Format(leaseUntil)), ("$due", SqliteValues.Format(delivery.DueAt)), ("$attempts", delivery.Attempts)).ExecuteNonQuery() == 1
            ? delivery with { DueAt = leaseUntil, Attempts = delivery.Attempts + 1 }
            : null, cancellationToken);

    public Task UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("webhooks.update", write =>
        write.Command(
            "UPDATE webhook_outbox SET due_at = $due, attempts = $attempts, delivered_at = $delivered, given_up = $gaveUp, last_status = $status, last_error = $error WHERE id = $id",
            ("$id", delivery.Id), ("$due", SqliteValues.Format(delivery.DueAt)), ("$attempts", delivery.Attempts),
            ("$delivered", delivery.DeliveredAt is { } at ? SqliteValues.Format(at) : null), ("$gaveUp", delivery.GivenUp ? 1 : 0),
            ("$status", delivery.LastStatus), ("$error", delivery.LastError)).ExecuteNonQuery(), cancellationToken);

    public Task<bool> ResendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("webhooks.resend", write =>
        write.Command("UPDATE webhook_outbox SET delivered_at = NULL, given_up = 0, due_at = $now WHERE id = $id AND (delivered_at IS NOT NULL OR given_up = 1)",
            ("$id", id), ("$now", SqliteValues.Format(now))).ExecuteNonQuery() == 1, cancellationToken);

    public Task<IReadOnlyList<WebhookDelivery>> RecentAsync(string endpoint, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<WebhookDelivery>>(database.Readers.Read(session =>
    {
        var found = new List<WebhookDelivery>();
        using var reader = session.Command($"SELECT {Columns} FROM webhook_outbox WHERE endpoint = $endpoint ORDER BY created_at DESC LIMIT $limit",
            ("$endpoint", endpoint), ("$limit", limit)).ExecuteReader();
        while (reader.Read()) found.Add(Read(reader));
        return found;
    }));

    private static WebhookDelivery Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.NullableString(reader, 3), reader.GetString(4),
        SqliteValues.Parse(reader.GetString(5)), SqliteValues.Parse(reader.GetString(6)), reader.GetInt32(7),
        reader.IsDBNull(8) ? null : SqliteValues.Parse(reader.GetString(8)), reader.GetInt32(9) != 0,
        reader.IsDBNull(10) ? null : reader.GetInt32(10), SqliteValues.NullableString(reader, 11));
}
