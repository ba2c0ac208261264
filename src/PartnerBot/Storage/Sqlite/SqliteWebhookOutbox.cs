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

    public Task<WebhookDelivery?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(database.Readers.Read(session =>
    {
        using var reader = session.Command($"SELECT {Columns} FROM webhook_outbox WHERE id = $id", ("$id", id)).ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }));

    public Task<IReadOnlyList<WebhookDelivery>> RecentAsync(string endpoint, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<WebhookDelivery>>(database.Readers.Read(session =>
    {
        var found = new List<WebhookDelivery>();
        using var reader = session.Command($"SELECT {Columns} FROM webhook_outbox WHERE endpoint = $endpoint ORDER BY created_at DESC LIMIT $limit",
            ("$endpoint", endpoint), ("$limit", limit)).ExecuteReader();
        while (reader.Read()) found.Add(Read(reader));
        return found;
    }));

    public Task<IReadOnlyList<WebhookEndpointState>> EndpointStatesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<WebhookEndpointState>>(database.Readers.Read(session =>
    {
        var found = new List<WebhookEndpointState>();
        using var reader = session.Command("SELECT name, failing_since, disabled_at FROM webhook_endpoints").ExecuteReader();
        while (reader.Read())
        {
            found.Add(new WebhookEndpointState(reader.GetString(0), reader.IsDBNull(1) ? null : SqliteValues.Parse(reader.GetString(1)),
                reader.IsDBNull(2) ? null : SqliteValues.Parse(reader.GetString(2))));
        }
        return found;
    }));

    public Task SaveEndpointStateAsync(WebhookEndpointState state, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("webhooks.endpoint", write =>
        write.Command(
            "INSERT INTO webhook_endpoints (name, failing_since, disabled_at) VALUES ($name, $failing, $disabled) ON CONFLICT (name) DO UPDATE SET failing_since = $failing, disabled_at = $disabled",
            ("$name", state.Endpoint), ("$failing", state.FailingSince is { } failing ? SqliteValues.Format(failing) : null),
            ("$disabled", state.DisabledAt is { } disabled ? SqliteValues.Format(disabled) : null)).ExecuteNonQuery(), cancellationToken);

    public Task<int> ResumeAsync(string endpoint, DateTimeOffset now, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("webhooks.resume", write =>
        write.Command("UPDATE webhook_outbox SET due_at = $now WHERE endpoint = $endpoint AND delivered_at IS NULL AND given_up = 0",
            ("$endpoint", endpoint), ("$now", SqliteValues.Format(now))).ExecuteNonQuery(), cancellationToken);

    private static WebhookDelivery Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.NullableString(reader, 3), reader.GetString(4),
        SqliteValues.Parse(reader.GetString(5)), SqliteValues.Parse(reader.GetString(6)), reader.GetInt32(7),
        reader.IsDBNull(8) ? null : SqliteValues.Parse(reader.GetString(8)), reader.GetInt32(9) != 0,
        reader.IsDBNull(10) ? null : reader.GetInt32(10), SqliteValues.NullableString(reader, 11));
}
