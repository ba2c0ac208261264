using System.Text;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// A dialog-state write with the ETag it was read with (null: the key must not exist yet). The document is given as text
/// or as UTF-8; a store takes the form it keeps, and the other is made only if asked for.
/// </summary>
public sealed record StateWrite
{
    private string? _json;
    private byte[]? _utf8;

    public StateWrite(string key, string json, string? expectedETag)
    {
        Key = key;
        _json = json;
        ExpectedETag = expectedETag;
    }

    /// <param name="utf8Json">Owned by the write from now on: never changed afterwards.</param>
    public StateWrite(string key, byte[] utf8Json, string? expectedETag)
    {
        Key = key;
        _utf8 = utf8Json;
        ExpectedETag = expectedETag;
    }

    public string Key { get; }

    public string? ExpectedETag { get; }

    public string Json => _json ??= Encoding.UTF8.GetString(_utf8!);

    public byte[] Utf8Json => _utf8 ??= Encoding.UTF8.GetBytes(_json!);

    public bool Equals(StateWrite? other) => other is not null && Key == other.Key && ExpectedETag == other.ExpectedETag && Json == other.Json;

    public override int GetHashCode() => HashCode.Combine(Key, ExpectedETag, Json);
}
