using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Bot;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Storage;
using PartnerBot.Storage.Sqlite;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Protocol;

/// <summary>When dialog storage stays unavailable after its retries, the user is told and nothing is reset or lost.</summary>
public sealed class StorageHiccupTests : IDisposable
{
    private sealed class FlakyStorage(IStorage inner) : IStorage
    {
        public int FailuresLeft;

        public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref FailuresLeft) >= 0
                ? throw new StorageUnavailableException("state.read", new SqliteException("database is locked", 5))
                : inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) =>
            inner.WriteAsync(key, json, expectedETag, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }

    private readonly PartnerBotApplication _app = new();
    private FlakyStorage? _flaky;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_user_is_asked_to_resend_and_the_dialog_continues_afterwards()
    {
        var factory = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStorage>(sp => _flaky = new FlakyStorage(sp.GetRequiredService<PartnerBot.Storage.Sqlite.SqliteStateStore>()))));
        var chat = new TestChat(factory.CreateClient(), "hiccup-1", "emulator", "u1", "Ada", null, null);
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");

        _flaky!.FailuresLeft = 1;
        var replies = await chat.SendAsync("startup");

        replies.Expect(TurnErrorHandler.StorageApology).ExpectNot("Question");
        (await chat.SendAsync("startup")).Expect("Question 2 of ");
        var store = new Stores(factory.Services);
        var inbound = (await store.Transcripts.GetTranscriptAsync("hiccup-1", default)).Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text);
        Assert.Equal(["hi", "yes", "startup", "startup"], inbound);
    }
}
