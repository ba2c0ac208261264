namespace PartnerBot.BotFramework.Builder;

/// <summary>A dialog-state write with the ETag it was read with (null: the key must not exist yet).</summary>
public sealed record StateWrite(string Key, string Json, string? ExpectedETag);
