using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>A client that never reads its socket is disconnected; the server does not queue without bound.</summary>
public sealed class DirectLineStreamBackpressureTests : IDisposable
{
    /// <summary>A socket whose peer never reads: every send waits until cancelled or aborted.</summary>
    private sealed class StuckSocket : WebSocket
    {
        private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WebSocketState _state = WebSocketState.Open;

        public int SendsStarted;

        public override WebSocketCloseStatus? CloseStatus => null;
        public override string? CloseStatusDescription => null;
        public override WebSocketState State => _state;
        public override string? SubProtocol => null;

        public override void Abort()
        {
            _state = WebSocketState.Aborted;
            _aborted.TrySetResult();
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Stuck(cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Stuck(cancellationToken);

        public override void Dispose() => Abort();

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            await Stuck(cancellationToken);
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref SendsStarted);
            return Stuck(cancellationToken);
        }

        private async Task Stuck(CancellationToken cancellationToken)
        {
            await _aborted.Task.WaitAsync(cancellationToken);
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
        }
    }

    private readonly PartnerBotApplication _app = new(settings: new Dictionary<string, string?> { ["DirectLine:StreamBufferFrames"] = "8" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_client_that_never_reads_is_disconnected_once_its_bounded_queue_is_full()
    {
        var page = await new DirectLineClient(_app.CreateClient()).GetPageTokenAsync();
        var streams = _app.Services.GetRequiredService<DirectLineStreams>();
        var socket = new StuckSocket();
        var running = streams.RunAsync(page.ConversationId, socket, null, CancellationToken.None);
        await WaitUntil(() => streams.OpenStreams == 1);

        // One frame is stuck in the send; the queue holds eight more; the next one finds it full.
        for (var i = 0; i < 10; i++)
        {
            streams.Publish(page.ConversationId, new ActivitySet { Activities = [Activity.CreateMessage($"reply {i}")], Watermark = (i + 1).ToString() });
            await Task.Delay(10);
        }

        await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketState.Aborted, socket.State);
        Assert.Equal(0, streams.OpenStreams);
        Assert.Equal(1, socket.SendsStarted);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
