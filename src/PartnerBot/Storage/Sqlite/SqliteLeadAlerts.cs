using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

public sealed class SqliteLeadAlerts(SqliteDatabase database) : ILeadAlerts
{
    private const string SubscriptionColumns = "id, service_url, tenant_id, team_id, bot_id, subscribed_by, subscribed_at, active, inactive_reason";
    private const string AlertColumns = "id, record_id, subscription_id, created_at, due_at, attempts, sent_at, activity_id, given_up, last_error";

    public Task SubscribeAsync(AlertSubscription subscription, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("alerts.subscribe", write =>
        write.Command(
            $"""
            INSERT INTO alert_subscriptions ({SubscriptionColumns}) VALUES ($id, $url, $tenant, $team, $bot, $by, $at, 1, NULL)
            ON CONFLICT (id) DO UPDATE SET service_url = $url, tenant_id = $tenant, team_id = $team, bot_id = $bot, subscribed_by = $by, subscribed_at = $at, active = 1, inactive_reason = NULL
            """,
            ("$id", subscription.Id), ("$url", subscription.ServiceUrl), ("$tenant", subscription.TenantId), ("$team", subscription.TeamId),
            ("$bot", subscription.BotId), ("$by", subscription.SubscribedBy), ("$at", SqliteValues.Format(subscription.SubscribedAt))).ExecuteNonQuery(), cancellationToken);

    public Task<bool> DeactivateAsync(string subscriptionId, string reason, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("alerts.deactivate", write =>
        write.Command("UPDATE alert_subscriptions SET active = 0, inactive_reason = $reason WHERE id = $id AND active = 1", ("$id", subscriptionId), ("$reason", reason)).ExecuteNonQuery() == 1,
        cancellationToken);

    public Task<AlertSubscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) => Task.FromResult(database.Readers.Read(session =>
    {
        using var reader = session.Command($"SELECT {SubscriptionColumns} FROM alert_subscriptions WHERE id = $id", ("$id", subscriptionId)).ExecuteReader();
        return reader.Read() ? ReadSubscription(reader) : null;
    }));

    public Task<IReadOnlyList<AlertSubscription>> ActiveSubscriptionsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AlertSubscription>>(database.Readers.Read(session =>
    {
        var found = new List<AlertSubscription>();
        using var reader = session.Command($"SELECT {SubscriptionColumns} FROM alert_subscriptions WHERE active = 1 ORDER BY subscribed_at").ExecuteReader();
        while (reader.Read()) found.Add(ReadSubscription(reader));
        return found;
    }));

    public Task<bool> EnqueueAsync(LeadAlert alert, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("alerts.enqueue", write =>
        write.Command(
            $"INSERT INTO alert_outbox ({AlertColumns}) VALUES ($id, $record, $subscription, $created, $due, 0, NULL, NULL, 0, NULL) ON CONFLICT (id) DO NOTHING",
            ("$id", alert.Id), ("$record", alert.RecordId), ("$subscription", alert.SubscriptionId), ("$created", SqliteValues.Format(alert.CreatedAt)),
            ("$due", SqliteValues.Format(alert.DueAt))).ExecuteNonQuery() == 1, cancellationToken);

    public Task<LeadAlert?> GetAlertAsync(string alertId, CancellationToken cancellationToken) => Task.FromResult(database.Readers.Read(session =>
    {
        using var reader = session.Command($"SELECT {AlertColumns} FROM alert_outbox WHERE id = $id", ("$id", alertId)).ExecuteReader();
        return reader.Read() ? ReadAlert(reader) : null;
    }));

    public Task<IReadOnlyList<LeadAlert>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<LeadAlert>>(database.Readers.Read(session =>
    {
        var found = new List<LeadAlert>();
        using var reader = session.Command($"SELECT {AlertColumns} FROM alert_outbox WHERE sent_at IS NULL AND given_up = 0 AND due_at <= $now ORDER BY due_at LIMIT $limit",
            ("$now", SqliteValues.Format(now)), ("$limit", limit)).ExecuteReader();
        while (reader.Read()) found.Add(ReadAlert(reader));
        return found;
    }));

    public Task<LeadAlert?> TryTakeAsync(LeadAlert alert, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("alerts.take", write =>
        write.Command(
            "UPDATE alert_outbox SET due_at = $lease, attempts = attempts + 1 WHERE id = $id AND due_at = $due AND attempts = $attempts AND sent_at IS NULL AND given_up = 0",
            ("$id", alert.Id), ("$lease", SqliteValues.Format(leaseUntil)), ("$due", SqliteValues.Format(alert.DueAt)), ("$attempts", alert.Attempts)).ExecuteNonQuery() == 1
            ? alert with { DueAt = leaseUntil, Attempts = alert.Attempts + 1 }
            : null, cancellationToken);

    public Task<bool> TryAdvanceAsync(string alertId, DateTimeOffset dueAt, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("alerts.advance", write =>
        write.Command("UPDATE alert_outbox SET due_at = $due WHERE id = $id AND attempts = 0 AND sent_at IS NULL AND given_up = 0 AND due_at > $due",
            ("$id", alertId), ("$due", SqliteValues.Format(dueAt))).ExecuteNonQuery() == 1, cancellationToken);

    public Task UpdateAsync(LeadAlert alert, CancellationToken cancellationToken) => database.Writes.ExecuteAsync("alerts.update", write =>
        write.Command(
            "UPDATE alert_outbox SET due_at = $due, attempts = $attempts, sent_at = $sent, activity_id = $activity, given_up = $gaveUp, last_error = $error WHERE id = $id",
            ("$id", alert.Id), ("$due", SqliteValues.Format(alert.DueAt)), ("$attempts", alert.Attempts), ("$sent", alert.SentAt is { } sent ? SqliteValues.Format(sent) : null),
            ("$activity", alert.ActivityId), ("$gaveUp", alert.GivenUp ? 1 : 0), ("$error", alert.LastError)).ExecuteNonQuery(), cancellationToken);

    private static AlertSubscription ReadSubscription(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), SqliteValues.NullableString(reader, 2), SqliteValues.NullableString(reader, 3), SqliteValues.NullableString(reader, 4),
        reader.GetString(5), SqliteValues.Parse(reader.GetString(6)), reader.GetInt32(7) != 0, SqliteValues.NullableString(reader, 8));

    private static LeadAlert ReadAlert(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.Parse(reader.GetString(3)), SqliteValues.Parse(reader.GetString(4)), reader.GetInt32(5),
        reader.IsDBNull(6) ? null : SqliteValues.Parse(reader.GetString(6)), SqliteValues.NullableString(reader, 7), reader.GetInt32(8) != 0, SqliteValues.NullableString(reader, 9));
}
