using System.Buffers;
using System.Text;

namespace PartnerBot.BotFramework.Storage;

/// <summary>
/// A stored JSON document and its ETag. A store that holds the document as UTF-8 (the embedded store) hands over those
/// bytes, one that holds text hands over the text; each form is made from the other only when someone asks for it.
/// Two items are equal when their text and ETag are.
/// </summary>
public sealed record StoreItem
{
    private string? _json;
    private readonly byte[]? _utf8;

    public StoreItem(string json, string etag)
    {
        _json = json;
        ETag = etag;
    }

    /// <param name="utf8Json">Owned by the item from now on: never changed afterwards.</param>
    public StoreItem(byte[] utf8Json, string etag)
    {
        _utf8 = utf8Json;
        ETag = etag;
    }

    public string Json => _json ??= Encoding.UTF8.GetString(_utf8!);

    public string ETag { get; }

    /// <summary>The document's UTF-8 bytes when the store handed it over that way, else null (read <see cref="Json"/>).</summary>
    public ReadOnlyMemory<byte>? Utf8Json
    {
        get
        {
            if (_utf8 is null) return null;
            return new ReadOnlyMemory<byte>(_utf8);
        }
    }

    /// <summary>Whether the document is exactly <paramref name="utf8Json"/>, compared without making a string.</summary>
    public bool Holds(ReadOnlySpan<byte> utf8Json)
    {
        if (_utf8 is not null) return utf8Json.SequenceEqual(_utf8);
        if (Encoding.UTF8.GetByteCount(_json!) != utf8Json.Length) return false;
        var buffer = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
        try
        {
            return buffer.AsSpan(0, Encoding.UTF8.GetBytes(_json, buffer)).SequenceEqual(utf8Json);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public bool Equals(StoreItem? other) => other is not null && ETag == other.ETag && Json == other.Json;

    public override int GetHashCode() => HashCode.Combine(Json, ETag);
}
