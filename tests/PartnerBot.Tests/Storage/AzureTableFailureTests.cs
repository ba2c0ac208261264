using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Bot;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>Table storage failing under a conversation (frozen, unreachable, answers lost) on the real Azurite: nothing the prospect said is lost.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableFailureTests(AzuriteFixture fixture)
{
    private readonly string _prefix = Azurite.NewPrefix();

    [Fact]
    public async Task Storage_frozen_mid_turn_gives_the_retry_message_and_the_conversation_continues_after()
    {
        await using var azurite = await Azurite.StartAsync();
        var freezer = new FreezeOnCommit(azurite);
        using var app = App(azurite);
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<HttpPipelinePolicy>(freezer)));
        var chat = new TestChat(factory.CreateClient(), "frozen-1", "emulator", "u1", "Ada", null, null);
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");

        freezer.Arm();
        var replies = await chat.SendAsync("startup");

        Assert.True(freezer.Froze);
        replies.Expect(TurnErrorHandler.StorageApology).ExpectNot("Question 2");
        (await chat.SendAsync("startup")).Expect("Question 2 of ");
        var inbound = (await factory.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync("frozen-1", default))
            .Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text);
        Assert.Equal(["hi", "yes", "startup", "startup"], inbound);
    }

    [Fact]
    public async Task A_channels_retry_of_a_turn_that_never_committed_runs_it_once_and_logs_the_message_once()
    {
        var outage = new OutageAfterInbound();
        using var app = App();
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<HttpPipelinePolicy>(outage)));
        var chat = new TestChat(factory.CreateClient(), "uncommitted-1", "emulator", "u1", "Ada", null, null);
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        var answer = chat.NewMessage("startup");

        outage.Arm();
        (await chat.SendAsync(answer)).Expect(TurnErrorHandler.StorageApology);
        outage.End();

        // Its inbound row (and marker) went in before storage failed; nothing else of that turn did.
        (await chat.SendAsync(answer)).Expect("Question 2 of ");
        Assert.True(outage.Failed > 0);
        var transcript = await factory.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync("uncommitted-1", default);
        Assert.Equal(["hi", "yes", "startup"], transcript.Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text));
    }

    [Fact]
    public async Task A_retry_whose_ledger_row_cannot_be_read_gets_the_storage_failure_and_keeps_the_first_answer()
    {
        var ledgerDown = new FailWhileArmed(request => request.StartsWith("GET", StringComparison.Ordinal) && request.Contains("turn:", StringComparison.Ordinal));
        using var app = App();
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<HttpPipelinePolicy>(ledgerDown)));
        var chat = new TestChat(factory.CreateClient(), "ledger-down-1", "emulator", "u1", "Ada", null, null);
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        var answer = chat.NewMessage("startup");
        (await chat.SendAsync(answer)).Expect("Question 2 of ");

        ledgerDown.Arm();
        using (var refused = await chat.PostAsync(answer))
        {
            // Not an apology recorded over the first answer: the channel is told to try again.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        ledgerDown.End();

        Assert.True(ledgerDown.Failed > 0);
        (await chat.SendAsync(answer)).Expect("Question 2 of ").ExpectNot(TurnErrorHandler.StorageApology);
        (await chat.SendAsync("idea")).Expect("Question 3 of ");
        var transcript = await factory.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync("ledger-down-1", default);
        Assert.Equal(["hi", "yes", "startup", "idea"], transcript.Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity.Text));
    }

    [Theory]
    [InlineData(2)] // the dialog state with the turn record
    [InlineData(3)] // the replies, the record and the result
    public async Task A_commit_whose_answer_was_lost_is_not_taken_for_a_conflict_nor_written_twice(int transaction)
    {
        var lose = new LoseBatchAnswer();
        using var app = App();
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<HttpPipelinePolicy>(lose)));
        var chat = new TestChat(factory.CreateClient(), $"lost-answer-{transaction}", "emulator", "u1", "Ada", null, null);
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");

        lose.Arm(transaction);
        var replies = await chat.SendAsync("startup");

        Assert.True(lose.Lost);
        // Taken for a conflict, the turn would run again on its own new state and take "startup" for question 2's answer.
        Assert.Single(replies.Activities, a => a.Text?.Contains("Question 2 of ", StringComparison.Ordinal) == true);
        Assert.Single(replies.Activities);
        (await chat.SendAsync("idea")).Expect("Question 3 of ");
        var transcript = await factory.Services.GetRequiredService<ITranscriptStore>().GetTranscriptAsync(chat.ConversationId, default);
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.Outbound && e.Activity.Text?.Contains("Question 2 of ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_turn_that_fails_before_its_first_write_leaves_no_open_duplicate_check()
    {
        var queriesDown = new FailWhileArmed(request => request.StartsWith("GET", StringComparison.Ordinal) && request.Contains("$filter=PartitionKey", StringComparison.Ordinal));
        using var app = App();
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<HttpPipelinePolicy>(queriesDown)));
        var chat = new TestChat(factory.CreateClient(), "no-first-write-1", "emulator", "u1", "Ada", null, null);
        await chat.SendAsync("hi");

        queriesDown.Arm();
        (await chat.SendAsync("yes")).Expect(TurnErrorHandler.StorageApology);
        queriesDown.End();

        Assert.True(queriesDown.Failed > 0);
        Assert.Equal(0, factory.Services.GetRequiredService<PendingDuplicateChecks>().Count);
        (await chat.SendAsync("yes")).Expect("Question 1 of ");
    }

    /// <summary>While armed, fails (as an unreachable account would) every request that <paramref name="matches"/>.</summary>
    private sealed class FailWhileArmed(Func<string, bool> matches) : HttpPipelineSynchronousPolicy
    {
        private volatile bool _armed;
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public void Arm() => _armed = true;

        public void End() => _armed = false;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (!_armed || !matches($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.ToString())}")) return;
            Interlocked.Increment(ref _failed);
            throw new IOException("The storage account stopped answering.");
        }
    }

    /// <summary>Once armed, lets one transaction through (the turn's inbound row) and fails every request after it until ended.</summary>
    private sealed class OutageAfterInbound : HttpPipelineSynchronousPolicy
    {
        private int _state; // 0 idle, 1 armed, 2 failing
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public void Arm() => Volatile.Write(ref _state, 1);

        public void End() => Volatile.Write(ref _state, 0);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Volatile.Read(ref _state) == 2)
            {
                Interlocked.Increment(ref _failed);
                throw new IOException("The storage account stopped answering.");
            }
            if (message.Request.Uri.ToString().Contains("$batch", StringComparison.Ordinal)) Interlocked.CompareExchange(ref _state, 2, 1);
        }
    }

    [Fact]
    public async Task Health_reports_storage_unhealthy_while_it_is_unreachable()
    {
        await using var azurite = await Azurite.StartAsync();
        using var app = App(azurite);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        azurite.Pause();
        HttpStatusCode whilePaused;
        try
        {
            whilePaused = (await client.GetAsync("/healthz")).StatusCode;
        }
        finally
        {
            azurite.Resume();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whilePaused);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("Storage:ConnectionString", "not a connection string")]
    [InlineData("Storage:ConnectionString", "DefaultEndpointsProtocol=http;AccountName=partnerbot;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/partnerbot;")]
    [InlineData("Storage:TableServiceUri", "http://127.0.0.1:9/")]
    [InlineData("Storage:TablePrefix", "9-not-a-table-name")]
    public async Task A_storage_setting_that_cannot_work_stops_the_app_with_one_line_naming_it(string setting, string value)
    {
        var directory = TestDirectory.Create();
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "PartnerBot.dll") },
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Storage__Provider"] = "AzureTable";
            start.Environment[setting.Replace(":", "__", StringComparison.Ordinal)] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(1, process.ExitCode);
            var message = (await error).Trim();
            Assert.StartsWith("PartnerBot cannot start: ", message);
            Assert.Contains(setting, message);
            Assert.DoesNotContain("\n", message);
            Assert.DoesNotContain("   at ", await output + message);
            Assert.DoesNotContain("Exception", await output + message);
        }
        finally
        {
            TestDirectory.TryDelete(directory);
        }
    }

    /// <summary>
    /// Freezes the emulator (SIGSTOP) as the armed turn commits its dialog state (its second transaction, after the
    /// inbound transcript row), so that commit and its retries find storage unreachable, and thaws it (SIGCONT) on
    /// the next request, which belongs to the turn's error handling.
    /// </summary>
    private sealed class FreezeOnCommit(Azurite azurite) : HttpPipelineSynchronousPolicy
    {
        private readonly object _gate = new();
        private int _batchesLeft;
        private HttpMessage? _frozen;

        public bool Froze { get; private set; }

        public void Arm()
        {
            lock (_gate) _batchesLeft = 2;
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            // The lead alert sender polls its own table in the background; only the turn's requests count here.
            if (message.Request.Uri.ToString().Contains("alerts", StringComparison.Ordinal)) return;
            lock (_gate)
            {
                if (_frozen is not null && !ReferenceEquals(_frozen, message))
                {
                    azurite.Resume();
                    _frozen = null;
                }
                else if (_batchesLeft > 0 && message.Request.Uri.ToString().Contains("$batch", StringComparison.Ordinal) && --_batchesLeft == 0)
                {
                    azurite.Pause();
                    _frozen = message;
                    Froze = true;
                }
            }
        }
    }

    private PartnerBotApplication App(Azurite? azurite = null, IDictionary<string, string?>? settings = null) =>
        AzureTableApp.Create(azurite ?? fixture.Azurite, _prefix, settings);
}
