using Azure.Core;
using Azure.Core.Pipeline;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// Once armed, lets the chosen transaction (the first, second… <c>$batch</c> after arming) reach the service and
/// commit, then loses its answer as a dropped connection would, so the SDK's retry sends it again.
/// </summary>
public sealed class LoseBatchAnswer : HttpPipelinePolicy
{
    private int _batchesLeft;

    public bool Lost { get; private set; }

    public void Arm(int which = 1) => Volatile.Write(ref _batchesLeft, which);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        LoseIfChosen(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        LoseIfChosen(message);
    }

    private void LoseIfChosen(HttpMessage message)
    {
        if (!message.Request.Uri.ToString().Contains("$batch", StringComparison.Ordinal) || Volatile.Read(ref _batchesLeft) == 0) return;
        if (Interlocked.Decrement(ref _batchesLeft) != 0) return;
        Lost = true;
        throw new IOException("The connection dropped before the answer arrived.");
    }
}
