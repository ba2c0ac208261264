using System.Text;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Stores text that may exceed a Table property's 64 KiB (a 256 KB activity, a large dialog state) as UTF-8 in
/// numbered binary properties, and reads it back byte for byte. Too large for one entity is an error, never a
/// silent truncation.
/// </summary>
public static class TablePayload
{
    /// <summary>Below the 64 KiB binary property limit.</summary>
    public const int PartSize = 64_000;

    /// <summary>Leaves room for keys and the other properties within the 1 MiB entity limit.</summary>
    public const int MaxBytes = 14 * PartSize;

    public static void Write(TableEntity entity, string name, string? text)
    {
        // Parts of an earlier, longer value (an entity being rewritten, as in redaction) must not survive.
        foreach (var stale in entity.Keys.Where(k => k.Length > name.Length && k.StartsWith(name, StringComparison.Ordinal) && k[name.Length..].All(char.IsAsciiDigit)).ToList())
        {
            entity.Remove(stale);
        }
        if (text is null)
        {
            entity[name + "Parts"] = -1;
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > MaxBytes)
        {
            throw new ArgumentException($"'{name}' is {bytes.Length} bytes; one Table entity holds at most {MaxBytes}.", nameof(text));
        }
        var parts = (bytes.Length + PartSize - 1) / PartSize;
        entity[name + "Parts"] = parts;
        for (var i = 0; i < parts; i++)
        {
            entity[name + i] = bytes.AsSpan(i * PartSize, Math.Min(PartSize, bytes.Length - i * PartSize)).ToArray();
        }
    }

    /// <summary>
    /// A generous estimate of the entity's size on the wire (binary goes as base64, text as escaped JSON), for
    /// keeping a transaction under the service's 4 MiB.
    /// </summary>
    public static long EstimateBytes(TableEntity entity) => 1024 + entity.Sum(p => (long)p.Key.Length * 2 + p.Value switch
    {
        byte[] bytes => bytes.Length * 4L / 3 + 4,
        string text => text.Length * 6L,
        _ => 32,
    });

    public static string? Read(TableEntity entity, string name)
    {
        var parts = entity.GetInt32(name + "Parts");
        if (parts is null or < 0) return null;
        using var buffer = new MemoryStream();
        for (var i = 0; i < parts; i++)
        {
            var part = entity.GetBinary(name + i) ?? throw new InvalidDataException($"Part {i} of '{name}' is missing in {entity.PartitionKey}/{entity.RowKey}.");
            buffer.Write(part);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
