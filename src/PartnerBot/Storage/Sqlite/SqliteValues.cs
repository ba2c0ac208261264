using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Storage.Sqlite;

/// <summary>How the embedded store writes times and reads nullable columns.</summary>
internal static class SqliteValues
{
    /// <summary>Fixed-width UTC text so that string order is time order in SQL.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// A value as JSON in UTF-8, bound as <c>CAST($p AS TEXT)</c>: SQLite takes the bytes as they are and stores them as
    /// text, so no UTF-16 string is made just to be encoded again by the binding.
    /// </summary>
    public static byte[] Utf8Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, BotJson.Options);

    /// <inheritdoc cref="Utf8Json{T}(T)"/>
    public static byte[]? Utf8Json(JsonNode? value) => value is null ? null : JsonSerializer.SerializeToUtf8Bytes(value, BotJson.Options);

    /// <summary>A JSON array of <paramref name="elements"/> (each JSON already) in UTF-8, for <c>CAST($p AS TEXT)</c>.</summary>
    public static byte[] Utf8JsonArray(IReadOnlyList<string> elements)
    {
        var length = 2 + Math.Max(0, elements.Count - 1);
        foreach (var element in elements) length += Encoding.UTF8.GetByteCount(element);
        var bytes = new byte[length];
        var at = 0;
        bytes[at++] = (byte)'[';
        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0) bytes[at++] = (byte)',';
            at += Encoding.UTF8.GetBytes(elements[i], bytes.AsSpan(at));
        }
        bytes[at] = (byte)']';
        return bytes;
    }

    /// <summary>A JSON column, parsed from the UTF-8 SQLite holds (no UTF-16 string in between).</summary>
    public static JsonNode? NullableJson(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetFieldValue<byte[]>(ordinal));
}
