using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Storage;

namespace PartnerBot.Tests.Webhooks;

/// <summary>
/// The webhook outbox on every provider: enqueued once, taken by one sender, retried when due, listed newest first,
/// read by id; each endpoint's health kept; a re-enabled endpoint's held deliveries due at once, and nothing else.
/// </summary>
public abstract class WebhookOutboxContractTests
{
    protected abstract Stores Store { get; }

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T10:00:00Z");

    private static WebhookDelivery Delivery(string id, string endpoint = "crm", int minutes = 0) =>
        new(id, endpoint, "lead.created", "directline/conversations/c1", "{\"type\":\"lead.created\"}", Now.AddMinutes(minutes), Now.AddMinutes(minutes));

    [Fact]
    public async Task A_delivery_is_enqueued_once_taken_by_one_sender_and_leaves_the_queue_when_delivered()
    {
        var outbox = Store.Webhooks;
        await outbox.EnqueueAsync([Delivery("msg_a"), Delivery("msg_b", minutes: 1)], default);
        await outbox.EnqueueAsync([Delivery("msg_a") with { Payload = "{\"changed\":true}" }], default);

        var due = await outbox.DueAsync(Now.AddMinutes(5), 10, default);
        Assert.Equal(["msg_a", "msg_b"], due.Select(d => d.Id));
        Assert.Equal("{\"type\":\"lead.created\"}", due[0].Payload);
        Assert.Empty(await outbox.DueAsync(Now.AddSeconds(-1), 10, default));

        var taken = await outbox.TryTakeAsync(due[0], Now.AddMinutes(2), default);
        Assert.NotNull(taken);
        Assert.Null(await outbox.TryTakeAsync(due[0], Now.AddMinutes(2), default));
        Assert.Equal(["msg_b"], (await outbox.DueAsync(Now.AddMinutes(1), 10, default)).Select(d => d.Id));

        await outbox.UpdateAsync(taken! with { DeliveredAt = Now.AddMinutes(1), LastStatus = 204 }, default);
        Assert.DoesNotContain(await outbox.DueAsync(Now.AddHours(1), 10, default), d => d.Id == "msg_a");
        var retried = (await outbox.TryTakeAsync(due[1], Now.AddMinutes(3), default))!;
        await outbox.UpdateAsync(retried with { DueAt = Now.AddMinutes(10), LastStatus = 503, LastError = "Service Unavailable" }, default);
        Assert.Empty(await outbox.DueAsync(Now.AddMinutes(9), 10, default));
        Assert.Equal((1, 503), (await outbox.DueAsync(Now.AddMinutes(10), 10, default)).Select(d => (d.Attempts, d.LastStatus ?? 0)).Single());

        await outbox.EnqueueAsync([Delivery("msg_other", endpoint: "erp")], default);
        var recent = await outbox.RecentAsync("crm", 10, default);
        Assert.Equal(["msg_b", "msg_a"], recent.Select(d => d.Id));
        Assert.Equal((204, true), (recent[1].LastStatus ?? 0, recent[1].DeliveredAt is not null));
        Assert.Equal(("msg_a", 204), ((await outbox.GetAsync("msg_a", default))!.Id, (await outbox.GetAsync("msg_a", default))!.LastStatus ?? 0));
        Assert.Null(await outbox.GetAsync("msg_missing", default));
    }

    [Fact]
    public async Task An_endpoints_health_is_kept_and_enabling_it_makes_only_its_held_deliveries_due()
    {
        var outbox = Store.Webhooks;
        Assert.Empty(await outbox.EndpointStatesAsync(default));
        await outbox.SaveEndpointStateAsync(new WebhookEndpointState("crm/eu #1", FailingSince: Now), default);
        await outbox.SaveEndpointStateAsync(new WebhookEndpointState("crm/eu #1", FailingSince: Now, DisabledAt: Now.AddHours(72)), default);
        await outbox.SaveEndpointStateAsync(new WebhookEndpointState("erp"), default);
        Assert.Equal([new WebhookEndpointState("crm/eu #1", Now, Now.AddHours(72)), new WebhookEndpointState("erp")],
            (await outbox.EndpointStatesAsync(default)).OrderBy(s => s.Endpoint, StringComparer.Ordinal));

        await outbox.EnqueueAsync([Delivery("msg_held", endpoint: "crm/eu #1") with { DueAt = Now.AddDays(1) }, Delivery("msg_done", endpoint: "crm/eu #1"),
            Delivery("msg_erp", endpoint: "erp") with { DueAt = Now.AddDays(10) }], default);
        var done = (await outbox.TryTakeAsync((await outbox.GetAsync("msg_done", default))!, Now.AddMinutes(1), default))!;
        await outbox.UpdateAsync(done with { DeliveredAt = Now }, default);

        Assert.Equal(1, await outbox.ResumeAsync("crm/eu #1", Now.AddHours(73), default));
        Assert.Equal(["msg_held"], (await outbox.DueAsync(Now.AddHours(73), 10, default)).Select(d => d.Id));
        Assert.NotNull((await outbox.GetAsync("msg_done", default))!.DeliveredAt);
    }
}

public sealed class SqliteWebhookOutboxTests : WebhookOutboxContractTests, IAsyncDisposable
{
    private readonly string _directory = TestDirectory.Create();
    private readonly Stores _store;

    public SqliteWebhookOutboxTests() => _store = Stores.Sqlite(Path.Combine(_directory, "webhooks.db"));

    protected override Stores Store => _store;

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableWebhookOutboxTests(AzuriteFixture fixture) : WebhookOutboxContractTests, IAsyncDisposable
{
    private readonly Stores _store = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix());

    protected override Stores Store => _store;

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
