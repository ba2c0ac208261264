namespace PartnerBot.Storage;

/// <summary>Storage kept failing after its retries. The turn's error handler apologises without resetting the dialog.</summary>
public sealed class StorageUnavailableException(string operation, Exception inner)
    : Exception($"Storage was unavailable for '{operation}' after retrying.", inner);
