namespace PartnerBot.BotFramework.Storage;

public sealed class ETagConflictException(string key)
    : Exception($"The stored item '{key}' was changed by another writer.")
{
    public string Key { get; } = key;
}
