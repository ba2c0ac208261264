namespace PartnerBot.BotFramework.Storage;

/// <summary>
/// Key/value storage of JSON documents with optimistic concurrency. Unlike the SDK's default storage,
/// ETags are always honoured: a write with a stale ETag fails instead of silently overwriting.
/// </summary>
public interface IStorage
{
    Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="json"/> when the stored ETag equals <paramref name="expectedETag"/>
    /// (<c>null</c>: the key must not exist yet; <c>"*"</c>: any). Returns the new ETag.
    /// </summary>
    /// <exception cref="ETagConflictException">Someone else wrote the key first.</exception>
    Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
