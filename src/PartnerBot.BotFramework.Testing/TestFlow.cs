using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Testing;

/// <summary>
/// A conversation script over the real <see cref="BotAdapter"/> and its middleware, on in-memory storage: each
/// <see cref="Send(string)"/> runs one turn as a channel would deliver it, and each <c>AssertReply</c> takes the next
/// reply the bot sent, in order. Nothing runs until <see cref="StartTestAsync"/>; the first failed step stops the
/// script with a <see cref="TestFlowException"/> that names the step.
/// </summary>
/// <example><code>
/// await new TestFlow(bot).Send("hi").AssertReply("Hello!").Send("bye").AssertNoReply().StartTestAsync();
/// </code></example>
public sealed class TestFlow
{
    private readonly List<(string Name, Func<Task> Run)> _steps = [];
    private readonly Queue<Activity> _replies = new();
    private readonly Lock _gate = new();
    private readonly RecordingErrorHandler _errors = new();
    private int _sequence;

    /// <param name="bot">The bot under test.</param>
    /// <param name="middleware">Middleware in the order the app registers it; a <see cref="MemoryTranscript"/> is added first.</param>
    /// <param name="storage">The dialog state the bot's dialogs read and write; it must be the one the bot was built on.</param>
    public TestFlow(IBot bot, IEnumerable<IMiddleware>? middleware = null, MemoryStorage? storage = null, ITurnErrorHandler? errorHandler = null)
    {
        Storage = storage ?? new MemoryStorage();
        Ledger = new MemoryTurnLedger(Storage);
        Adapter = new BotAdapter(bot, [Transcript, .. middleware ?? []], errorHandler ?? _errors, Ledger, new QueueDeliveryFactory(this), [],
            NullLogger<BotAdapter>.Instance);
    }

    public MemoryStorage Storage { get; }

    public MemoryTurnLedger Ledger { get; }

    public MemoryTranscript Transcript { get; } = new();

    public BotAdapter Adapter { get; }

    public string ChannelId { get; init; } = "test";

    public string ConversationId { get; init; } = "conversation-1";

    public ChannelAccount User { get; init; } = new() { Id = "user-1", Name = "User" };

    public ChannelAccount Bot { get; init; } = new() { Id = "bot", Name = "Bot" };

    /// <summary>The locale each activity carries, as a client sends it (null: none).</summary>
    public string? Locale { get; init; }

    /// <summary>Typing indicators are replies too when set; by default they are passed over.</summary>
    public bool IncludeTyping { get; init; }

    /// <summary>The status each turn answered, in order.</summary>
    public List<int> StatusCodes { get; } = [];

    /// <summary>A message from the user.</summary>
    public TestFlow Send(string text) => Send(new Activity { Type = ActivityTypes.Message, Text = text }, $"Send(\"{text}\")");

    /// <summary>Any activity from the user; what it leaves out (id, conversation, from, recipient, channel) is filled in.</summary>
    public TestFlow Send(Activity activity) => Send(activity, $"Send({activity.Type})");

    private TestFlow Send(Activity activity, string name)
    {
        _steps.Add((name, async () =>
        {
            var result = await Adapter.ProcessActivityAsync(Complete(activity), CancellationToken.None, new QueueDelivery(this));
            StatusCodes.Add(result.StatusCode);
            if (_errors.Take() is { } failure) throw new TestFlowException($"the turn failed: {failure.Message}", failure);
        }));
        return this;
    }

    /// <summary>Something that happens between two messages, outside the conversation (a colleague joins, time passes).</summary>
    public TestFlow Then(Action action, string description = "Then(action)")
    {
        _steps.Add((description, () =>
        {
            action();
            return Task.CompletedTask;
        }));
        return this;
    }

    /// <summary>The next reply's text is exactly <paramref name="expected"/>.</summary>
    public TestFlow AssertReply(string expected) => TakeReply(reply =>
    {
        if (reply.Text != expected) throw new TestFlowException($"expected the reply \"{expected}\" but it was \"{reply.Text}\"");
    }, $"AssertReply(\"{expected}\")");

    /// <summary>The next reply passes <paramref name="check"/>, which throws (an assertion) when it does not.</summary>
    public TestFlow AssertReply(Action<Activity> check, string? description = null) => TakeReply(check, description ?? "AssertReply(check)");

    /// <summary>The next reply's text contains <paramref name="expected"/> (ordinal).</summary>
    public TestFlow AssertReplyContains(string expected) => TakeReply(reply =>
    {
        if (reply.Text?.Contains(expected, StringComparison.Ordinal) != true) throw new TestFlowException($"expected a reply containing \"{expected}\" but it was \"{reply.Text}\"");
    }, $"AssertReplyContains(\"{expected}\")");

    /// <summary>Every reply no assertion took yet, at once (at least one), for checks on a whole turn or more.</summary>
    public TestFlow AssertReplies(Action<IReadOnlyList<Activity>> check, string? description = null)
    {
        _steps.Add((description ?? "AssertReplies(check)", () =>
        {
            List<Activity> replies;
            lock (_gate)
            {
                replies = [.. _replies];
                _replies.Clear();
            }
            if (replies.Count == 0) throw new TestFlowException("expected replies but the bot sent nothing more");
            check(replies);
            return Task.CompletedTask;
        }));
        return this;
    }

    /// <summary>The bot has sent nothing that no assertion took yet.</summary>
    public TestFlow AssertNoReply()
    {
        _steps.Add(("AssertNoReply()", () =>
        {
            lock (_gate)
            {
                if (_replies.TryPeek(out var extra)) throw new TestFlowException($"expected no further reply but the bot sent {Describe(extra)}");
            }
            return Task.CompletedTask;
        }));
        return this;
    }

    private TestFlow TakeReply(Action<Activity> check, string name)
    {
        _steps.Add((name, () =>
        {
            Activity? reply;
            lock (_gate) _replies.TryDequeue(out reply);
            if (reply is null) throw new TestFlowException("expected a reply but the bot sent nothing more");
            check(reply);
            return Task.CompletedTask;
        }));
        return this;
    }

    /// <summary>Runs the script, step by step.</summary>
    public async Task StartTestAsync()
    {
        for (var i = 0; i < _steps.Count; i++)
        {
            var (name, run) = _steps[i];
            try
            {
                await run();
            }
            catch (Exception exception)
            {
                // The step's own failure keeps what caused it (an assertion, the bot's exception) as the inner exception.
                throw new TestFlowException($"step {i + 1}, {name}: {exception.Message}", exception is TestFlowException { InnerException: { } cause } ? cause : exception);
            }
        }
    }

    private Activity Complete(Activity activity)
    {
        activity.Id ??= "activity-" + Interlocked.Increment(ref _sequence);
        activity.ChannelId ??= ChannelId;
        activity.Conversation ??= new ConversationAccount { Id = ConversationId };
        activity.From ??= User;
        activity.Recipient ??= Bot;
        activity.Locale ??= Locale;
        activity.Timestamp ??= DateTimeOffset.UtcNow;
        return activity;
    }

    private static string Describe(Activity activity) =>
        activity.Text is { } text ? $"\"{text}\"" : $"a {activity.Type} activity with {activity.Attachments?.Count ?? 0} attachment(s)";

    private void Enqueue(Activity activity)
    {
        if (!IncludeTyping && activity.IsType(ActivityTypes.Typing)) return;
        lock (_gate) _replies.Enqueue(activity);
    }

    private sealed class QueueDelivery(TestFlow flow) : IActivityDelivery
    {
        public Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
        {
            flow.Enqueue(activity);
            return Task.FromResult(new ResourceResponse { Id = Guid.NewGuid().ToString("N") });
        }
    }

    private sealed class QueueDeliveryFactory(TestFlow flow) : IChannelDeliveryFactory
    {
        public IActivityDelivery Create(Activity inbound) => new QueueDelivery(flow);
    }

    /// <summary>Keeps a turn's failure for the script to report, instead of apologising to nobody.</summary>
    private sealed class RecordingErrorHandler : ITurnErrorHandler
    {
        private Exception? _failure;

        public Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
        {
            _failure ??= exception;
            return Task.CompletedTask;
        }

        public Exception? Take() => Interlocked.Exchange(ref _failure, null);
    }
}

/// <summary>A step of a <see cref="TestFlow"/> that did not go as the script says.</summary>
public sealed class TestFlowException(string message, Exception? inner = null) : Exception(message, inner);
