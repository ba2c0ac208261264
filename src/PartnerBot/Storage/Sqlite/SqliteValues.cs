using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace PartnerBot.Storage.Sqlite;

/// <summary>How the embedded store writes times and reads nullable columns.</summary>
internal static class SqliteValues
{
    /// <summary>Fixed-width UTC text so that string order is time order in SQL.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A JSON column, parsed from the UTF-8 SQLite holds (no UTF-16 string in between).</summary>
    public static JsonNode? NullableJson(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetFieldValue<byte[]>(ordinal));
}
