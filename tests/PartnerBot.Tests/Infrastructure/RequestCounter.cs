using Azure.Core;
using Azure.Core.Pipeline;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>Counts the requests an Azure SDK client sends (each retry included).</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
