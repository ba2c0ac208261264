using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Protocol;

/// <summary>
/// The published app as a process of its own, stopped the way a deploy or a scale-in stops it: SIGTERM while 32
/// conversations' turns are in flight (each waiting on a slow Connector). New activities are told to come back,
/// every turn in flight finishes and delivers its replies once, the process exits cleanly, and after the restart each
/// conversation goes on from the question it was shown.
/// </summary>
public sealed partial class ProcessShutdownTests : IAsyncLifetime
{
    private const int Conversations = 32;
    private readonly string _directory = TestDirectory.Create();
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        _connector.ReleaseAnswers();
        await _connector.DisposeAsync();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task Sigterm_under_load_lets_every_turn_in_flight_finish_and_the_restarted_app_goes_on_from_there()
    {
        var chats = new List<TestChat>();
        using (var bot = await BotProcess.StartAsync(_directory))
        {
            using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            for (var i = 0; i < Conversations; i++)
            {
                chats.Add(new TestChat(http, $"sigterm-{i}-{Guid.NewGuid():N}"[..24], "emulator", $"user-{i}", "Ada", null, _connector.ServiceUrl.ToString()));
            }

            // Every turn is in the middle of its first send when the stop comes.
            _connector.HoldAnswers();
            var turns = chats.Select(c => c.PostAsync(c.NewMessage("hi"))).ToList();
            try
            {
                await Eventually.WaitUntilAsync(() => Task.FromResult(_connector.Messages.Count >= Conversations), "every turn to be sending");
            }
            catch (Xunit.Sdk.FailException)
            {
                throw new Xunit.Sdk.XunitException($"Only {_connector.Messages.Count} of {Conversations} turns reached their first send. The bot's log:\n{bot.LogTail()}");
            }

            bot.Terminate();
            await bot.WaitForLogAsync("Stopping: letting");
            var late = chats[0];
            using (var refused = await late.PostAsync(late.NewMessage("hello?")))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
            }

            _connector.ReleaseAnswers();
            foreach (var turn in turns)
            {
                using var response = await turn;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            Assert.Equal(0, await bot.WaitForExitAsync());
        }

        // Each conversation got its greeting and the consent question once: no turn was cut short or sent twice.
        foreach (var chat in chats)
        {
            var texts = _connector.Messages.Where(m => m.ConversationId == chat.ConversationId).Select(m => m.Activity.Text ?? "").ToList();
            Assert.True(texts.Count == 2 && texts[0].Contains("development-partner advisor") && texts[1].Contains("May we keep this conversation"),
                $"{chat.ConversationId} received:\n{string.Join("\n", texts)}");
        }

        using var restarted = await BotProcess.StartAsync(_directory);
        using var client = new HttpClient { BaseAddress = restarted.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var before = _connector.Messages.Count;
        await Task.WhenAll(chats.Select(async chat =>
        {
            var again = new TestChat(client, chat.ConversationId, "emulator", chat.UserId, "Ada", null, _connector.ServiceUrl.ToString());
            using var answer = await again.PostAsync(again.NewMessage("yes"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }));
        await _connector.WaitForMessagesAsync(before + Conversations * 2, TimeSpan.FromSeconds(30));
        foreach (var chat in chats)
        {
            var last = _connector.Messages.Last(m => m.ConversationId == chat.ConversationId);
            Assert.Contains("Question 1 of ", last.Activity.Text);
        }
    }

    /// <summary>PartnerBot.dll run by <c>dotnet</c> on a loopback port it picks itself, with its log read as it comes.</summary>
    private sealed partial class BotProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _log = new();
        private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private BotProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, line) => Read(line.Data);
            _process.ErrorDataReceived += (_, line) => Read(line.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public Uri BaseAddress { get; private set; } = null!;

        public static async Task<BotProcess> StartAsync(string directory)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "PartnerBot.dll"), "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(argument);
            start.Environment["Storage__SqlitePath"] = Path.Combine(directory, "partnerbot.db");
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["MicrosoftAppId"] = "";
            start.Environment["Shutdown__DrainSeconds"] = "30";
            start.Environment["Logging__LogLevel__Default"] = "Information";
            start.Environment["Logging__Console__FormatterName"] = "simple";
            var bot = new BotProcess(Process.Start(start)!);
            bot.BaseAddress = await bot._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return bot;
        }

        /// <summary>What a deploy, a scale-in or <c>docker stop</c> sends.</summary>
        public void Terminate()
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }

        public string LogTail() => string.Join("\n", _log.TakeLast(40));

        public async Task WaitForLogAsync(string fragment)
        {
            try
            {
                await Eventually.WaitUntilAsync(() => Task.FromResult(_log.Any(l => l.Contains(fragment, StringComparison.Ordinal))), $"the log to say \"{fragment}\"");
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"The log never said \"{fragment}\". It said:\n{string.Join("\n", _log.TakeLast(40))}");
            }
        }

        public async Task<int> WaitForExitAsync()
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return _process.ExitCode;
        }

        private void Read(string? line)
        {
            if (line is null) return;
            _log.Enqueue(line);
            if (ListeningOn().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }

        [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
        private static partial Regex ListeningOn();

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
