using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;

namespace PartnerBot.DirectLine;

/// <summary>
/// The WebSocket streams of the embedded Direct Line: one socket per conversation (a second one closes the first
/// with "collision"), every frame an ActivitySet, empty frames as keep-alives. Each socket has a bounded queue; a
/// client that stops reading is disconnected instead of making the server hold its messages, and gets them back
/// from the log when it reconnects with its watermark. A connecting socket gets the backlog one activity per frame.
/// <para>
/// Several instances (scale-out on Azure Table storage): a visitor's post may be answered by an instance other than
/// the one holding their socket. The log is shared, so the socket's instance finds those activities there: it
/// reads the log every <see cref="PollInterval"/>, and at once when a local activity's watermark shows a gap.
/// Every activity is sent once and in watermark order.
/// </para>
/// </summary>
public sealed partial class DirectLineStreams(IDirectLineLog log, IOptions<DirectLineOptions> options, IOptions<StorageOptions> storage, ILogger<DirectLineStreams> logger)
{
    /// <summary>
    /// How often an open socket looks in the log for activities that another instance appended: only when the log
    /// is shared (Azure Table storage), unless <see cref="DirectLineOptions.StreamPollMilliseconds"/> says otherwise.
    /// </summary>
    public TimeSpan? PollInterval { get; } = (options.Value.StreamPollMilliseconds ?? (storage.Value.IsAzureTable ? 1000 : 0)) is > 0 and var milliseconds
        ? TimeSpan.FromMilliseconds(milliseconds)
        : null;

    public const string CollisionReason = "collision";
    public const string SlowClientReason = "client is not reading";

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly KeyedAsyncLock _appending = new();
    private readonly KeyedAsyncLock _turns = new();

    public int OpenStreams => _sessions.Count;

    /// <summary>
    /// Logs the activity with the conversation's next watermark and sends it to the stream, as one step per
    /// conversation: two requests in one conversation can never publish their activities out of watermark order.
    /// </summary>
    public async Task<long> AppendAndPublishAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        using var _ = await _appending.AcquireAsync(conversationId, cancellationToken);
        var watermark = await log.AppendAsync(conversationId, activity, DirectLineRetention.From(options.Value), cancellationToken);
        Publish(conversationId, new ActivitySet { Activities = [activity], Watermark = watermark.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return watermark;
    }

    /// <summary>
    /// Holds the conversation's turn: a client's activity is echoed and its turn run while this is held, so the
    /// order of the echoes is the order of the turns and of their replies. (Appending stays a separate, inner
    /// step: the replies of the turn append while the turn is held.)
    /// </summary>
    public Task<IDisposable> BeginTurnAsync(string conversationId, CancellationToken cancellationToken) => _turns.AcquireAsync(conversationId, cancellationToken);

    public void Publish(string conversationId, ActivitySet set)
    {
        if (!_sessions.TryGetValue(conversationId, out var session)) return;
        var watermark = set.Watermark is { } text && long.TryParse(text, out var value) ? value : (long?)null;
        var frame = new Frame(JsonSerializer.Serialize(set, BotJson.Options), watermark);
        if (!session.Queue.Writer.TryWrite(frame))
        {
            LogSlowClient(logger, conversationId);
            session.Abort(SlowClientReason);
        }
    }

    /// <summary>Serves one socket until either side closes it.</summary>
    public async Task RunAsync(string conversationId, WebSocket socket, long? watermark, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var session = new Session(socket, settings.StreamBufferFrames, cancellationToken);
        // One atomic swap: of two sockets connecting at once, exactly one is registered and the other is closed,
        // never left open but unreachable.
        while (true)
        {
            if (_sessions.TryGetValue(conversationId, out var previous))
            {
                if (!_sessions.TryUpdate(conversationId, session, previous)) continue;
                previous.Abort(CollisionReason);
                break;
            }
            if (_sessions.TryAdd(conversationId, session)) break;
        }
        try
        {
            // Registered before reading the backlog, so nothing published meanwhile is missed. The backlog is read
            // a page at a time, each page after the previous one was sent, so a long conversation never sits in
            // memory at once. It goes one activity per frame, as live activities do: the official client
            // (botframework-directlinejs) emits a frame's activities one scheduler tick apart and merges frames, so
            // two multi-activity frames sent back to back would reach Web Chat interleaved.
            long carried = await SendFromLogAsync(session, conversationId, watermark ?? 0, settings);

            var receiving = ReceiveUntilClosedAsync(session);
            using var keepAlive = new PeriodicTimer(TimeSpan.FromSeconds(settings.KeepAliveSeconds));
            using var poll = PollInterval is { } interval ? new PeriodicTimer(interval) : null;
            var tick = keepAlive.WaitForNextTickAsync(session.Token).AsTask();
            var polled = poll?.WaitForNextTickAsync(session.Token).AsTask() ?? new TaskCompletionSource<bool>().Task;
            var next = session.Queue.Reader.WaitToReadAsync(session.Token).AsTask();
            while (!session.Token.IsCancellationRequested)
            {
                var done = await Task.WhenAny(next, tick, polled, receiving);
                if (done == receiving) break;
                if (done == tick)
                {
                    if (!await tick) break;
                    await session.SendAsync(string.Empty);
                    tick = keepAlive.WaitForNextTickAsync(session.Token).AsTask();
                    continue;
                }
                if (done == polled)
                {
                    // Another instance may have answered a post of this conversation: its activities are in the shared log.
                    if (!await polled) break;
                    try
                    {
                        carried = await SendFromLogAsync(session, conversationId, carried, settings);
                    }
                    catch (StorageUnavailableException exception)
                    {
                        // A storage hiccup costs this tick only; the socket stays open and the next tick reads again.
                        LogPollFailed(logger, exception, conversationId);
                    }
                    polled = poll!.WaitForNextTickAsync(session.Token).AsTask();
                    continue;
                }
                if (!await next) break;
                while (session.Queue.Reader.TryRead(out var frame))
                {
                    if (frame.Watermark is not { } mark)
                    {
                        await session.SendAsync(frame.Json);
                    }
                    else if (mark <= carried)
                    {
                        // Already carried by the backlog (or by a read of the shared log).
                    }
                    else if (PollInterval is null || mark == carried + 1)
                    {
                        // One instance appends in order; only a shared log can have a gap.
                        await session.SendAsync(frame.Json);
                        carried = mark;
                    }
                    else
                    {
                        // A gap: activities appended elsewhere (another instance) come first, in watermark order,
                        // from the log, together with this one; if the log did not show it yet, it goes as it came.
                        carried = await SendFromLogAsync(session, conversationId, carried, settings);
                        if (carried < mark)
                        {
                            await session.SendAsync(frame.Json);
                            carried = mark;
                        }
                    }
                }
                next = session.Queue.Reader.WaitToReadAsync(session.Token).AsTask();
            }
            await session.CloseAsync();
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away or the socket was replaced; the log keeps everything for its next connection.
        }
        finally
        {
            _sessions.TryRemove(new KeyValuePair<string, Session>(conversationId, session));
        }
    }

    /// <summary>
    /// Sends what the log holds after <paramref name="after"/>, one activity per frame (the last frame of a page
    /// carries its watermark); returns the watermark now carried.
    /// </summary>
    private async Task<long> SendFromLogAsync(Session session, string conversationId, long after, DirectLineOptions settings)
    {
        var page = DirectLinePage.From(settings);
        while (true)
        {
            var (activities, last) = await log.ReadAsync(conversationId, after, page, session.Token);
            if (activities.Count == 0) return Math.Max(after, last);
            for (var i = 0; i < activities.Count; i++)
            {
                var mark = i == activities.Count - 1 ? last.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                await session.SendAsync(JsonSerializer.Serialize(new ActivitySet { Activities = [activities[i]], Watermark = mark }, BotJson.Options));
            }
            after = last;
        }
    }

    private static async Task ReceiveUntilClosedAsync(Session session)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                // Clients only send keep-alive pings (empty text); anything they send is read and dropped.
                var result = await session.Socket.ReceiveAsync(buffer, session.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
    }

    private sealed record Frame(string Json, long? Watermark);

    private sealed class Session : IDisposable
    {
        private readonly CancellationTokenSource _cancel;
        private string? _abortReason;

        public Session(WebSocket socket, int capacity, CancellationToken requestAborted)
        {
            Socket = socket;
            Queue = Channel.CreateBounded<Frame>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        }

        public WebSocket Socket { get; }
        public Channel<Frame> Queue { get; }
        public CancellationToken Token => _cancel.Token;

        public Task SendAsync(string text) =>
            Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, Token);

        /// <summary>Ends the session from outside: closes the socket with the reason and stops its loops.</summary>
        public void Abort(string reason)
        {
            if (Interlocked.CompareExchange(ref _abortReason, reason, null) is not null) return;
            _ = CloseWithReasonAsync(reason);
        }

        public async Task CloseAsync()
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
                {
                }
            }
        }

        private async Task CloseWithReasonAsync(string reason)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                if (Socket.State == WebSocketState.Open) await Socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, reason, timeout.Token);
            }
            catch (Exception)
            {
                // Best effort: a socket whose send is stuck cannot take a close frame; it is aborted below anyway.
            }
            finally
            {
                // The socket is dead before the loops learn of it, so nothing observes a half-closed session.
                Socket.Abort();
                try
                {
                    await _cancel.CancelAsync();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        public void Dispose() => _cancel.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line stream of conversation {ConversationId} could not read the shared log; trying again at the next tick")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line stream of conversation {ConversationId} is not being read; disconnecting it")]
    private static partial void LogSlowClient(ILogger logger, string conversationId);
}
