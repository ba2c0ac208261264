using System.Net.WebSockets;
using System.Text.Json;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.DirectLine;

/// <summary>Reads a Direct Line stream as a client does: one ActivitySet per message, empty messages are keep-alives.</summary>
public static class StreamFrames
{
    public static async Task<ActivitySet> ReceiveSetAsync(WebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
                count += result.Count;
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The stream was closed.");
            if (count == 0) continue; // keep-alive
            return JsonSerializer.Deserialize<ActivitySet>(buffer.AsSpan(0, count), BotJson.Options)!;
        }
    }
}
