namespace PartnerBot.BotFramework.Storage;

public sealed record StoreItem(string Json, string ETag);
