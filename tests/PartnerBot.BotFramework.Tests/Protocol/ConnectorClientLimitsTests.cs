using System.Net;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Protocol;

/// <summary>A Connector (or something posing as one) cannot make the bot read an endless answer.</summary>
public sealed class ConnectorClientLimitsTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, false)]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public async Task An_oversized_response_is_read_only_up_to_the_limit(HttpStatusCode status, bool announceLength)
    {
        var body = new EndlessStream();
        using var handler = new StreamingHandler(status, body, announceLength);
        using var http = new HttpClient(handler);
        var client = new ConnectorClient(http, new Uri("http://127.0.0.1:9/"), new AnonymousConnectorCredentials());

        var send = client.SendToConversationAsync("c", new Activity { Type = ActivityTypes.Message, Text = "hi" }, default);

        if (status == HttpStatusCode.OK)
        {
            Assert.Null((await send).Id);
        }
        else
        {
            var error = await Assert.ThrowsAsync<ConnectorException>(() => send);
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        }
        Assert.True(body.BytesRead <= ConnectorClient.MaxResponseBytes + 1, $"read {body.BytesRead} bytes");
    }

    private sealed class StreamingHandler(HttpStatusCode status, Stream body, bool announceLength) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            if (announceLength) content.Headers.ContentLength = 1L << 30;
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        }
    }

    /// <summary>A body that never ends, counting what was read of it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            BytesRead += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
