namespace PartnerBot.Storage;

/// <summary>Storage cannot be used as configured. The message names the setting to fix; the host prints it without a stack trace.</summary>
public sealed class StorageStartupException(string message, Exception? inner = null) : Exception(message, inner);
