namespace PartnerBot.Storage;

/// <summary>
/// Storage kept failing after its retries, or is known to be failing right now. The turn's error handler
/// apologises without resetting the dialog; HTTP endpoints answer 503 with <see cref="RetryAfter"/>.
/// </summary>
public sealed class StorageUnavailableException(string operation, Exception inner, TimeSpan? retryAfter = null)
    : Exception($"Storage was unavailable for '{operation}' after retrying.", inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter ?? TimeSpan.FromSeconds(5);
}
