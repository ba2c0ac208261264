using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The retention contract on the real Azurite, and the retention job of an app running on Table storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableRetentionTests : RetentionContractTests<AzureTableStores>
{
    private readonly AzuriteFixture _fixture;
    private readonly AzureTableStores _store;

    public AzureTableRetentionTests(AzuriteFixture fixture)
    {
        _fixture = fixture;
        _store = AzureTableStoreTests.Create(fixture.Azurite.ConnectionString, Azurite.NewPrefix(), clock: Clock);
    }

    protected override AzureTableStores Store => _store;

    protected override IRetentionStore Retention => new TableRetention(_store.Context);

    protected override ILeadAlerts Alerts => new TableLeadAlerts(_store.Context);

    [Fact]
    public async Task The_background_job_applies_the_configured_periods_on_table_storage()
    {
        using var app = new PartnerBotApplication(settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureTable",
            ["Storage:ConnectionString"] = _fixture.Azurite.ConnectionString,
            ["Storage:TablePrefix"] = Azurite.NewPrefix(),
            ["Retention:AnonymousDays"] = "7",
            ["Retention:LeadDays"] = "90",
            ["Retention:IntervalMinutes"] = "60",
        });
        var clock = new FakeTimeProvider(Start);
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var declined = new TestChat(factory.CreateClient(), "retention-declined", "emulator", "u1", "Dee", null, null);
        var lead = new TestChat(factory.CreateClient(), "retention-lead", "emulator", "u2", "Lee", null, null);
        await declined.SendAsync("hi");
        await declined.SendAsync("no");
        await lead.SendAsync("hi");
        await lead.SendAsync("yes");
        var records = factory.Services.GetRequiredService<IConversationRecords>();
        var transcripts = factory.Services.GetRequiredService<ITranscriptStore>();
        const string declinedKey = "emulator/conversations/retention-declined";
        const string leadKey = "emulator/conversations/retention-lead";
        Assert.NotNull(await records.GetAsync(declinedKey, default));

        clock.Advance(TimeSpan.FromDays(8));
        await Eventually.WaitUntilAsync(async () => await records.GetAsync(declinedKey, default) is null, "The retention job did not delete the expired conversation.");

        Assert.Empty(await transcripts.GetTranscriptAsync("retention-declined", default));
        Assert.NotNull(await records.GetAsync(leadKey, default));
        Assert.NotEmpty(await transcripts.GetTranscriptAsync("retention-lead", default));

        clock.Advance(TimeSpan.FromDays(90));
        await Eventually.WaitUntilAsync(async () => await records.GetAsync(leadKey, default) is null, "The retention job did not delete the expired conversation.");
        Assert.Empty(await transcripts.GetTranscriptAsync("retention-lead", default));
        Assert.Empty((await records.QueryAsync(new ConversationQuery(), default)).Records);
    }
}
