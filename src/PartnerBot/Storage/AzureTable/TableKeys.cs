using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// Turns channel ids into Table keys. Keys may not hold <c>/ \ # ?</c> or control characters and are limited to
/// 1 KiB, while Teams and Direct Line ids hold <c>: ; @ |</c> and can be long. Letters, digits and
/// <c>- _ . : ; @ | , =</c> are kept as they are (keys stay readable); every other UTF-8 byte becomes <c>~XX</c>.
/// An id whose encoding is too long keeps a readable prefix and ends in <c>~~</c> and a SHA-256 of the whole id;
/// every entity also stores the original id, so nothing depends on decoding those.
/// </summary>
public static class TableKeys
{
    /// <summary>Leaves room for a row-key prefix and a second encoded part within the 1 KiB limit.</summary>
    public const int MaxEncodedLength = 400;

    private const int HashedPrefixLength = MaxEncodedLength - 2 - 64;

    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsKept(b)) builder.Append((char)b);
            else builder.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        if (builder.Length <= MaxEncodedLength) return builder.ToString();

        // Never cut an escape in half: the prefix is only for people reading the table.
        var cut = HashedPrefixLength;
        if (builder[cut - 1] == '~') cut -= 1;
        else if (builder[cut - 2] == '~') cut -= 2;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return builder.ToString(0, cut) + "~~" + hash;
    }

    /// <summary>The id an encoded key came from; null for a hashed (over-long) key.</summary>
    public static string? Decode(string key)
    {
        if (key.Contains("~~", StringComparison.Ordinal)) return null;
        var bytes = new List<byte>(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~')
            {
                bytes.Add(byte.Parse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add((byte)key[i]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// The partition of a dialog-state key or conversation-record id (<c>{channel}/conversations/{id}</c>, optionally
    /// followed by <c>/users/{user}</c>): the conversation's own partition, so a conversation's state, ledger,
    /// transcript and record can be written in one entity-group transaction. Other keys get a partition of their own.
    /// </summary>
    public static string PartitionForKey(string key) => Encode(ConversationOfKey(key) ?? key);

    public static string? ConversationOfKey(string key)
    {
        const string marker = "/conversations/";
        var start = key.IndexOf(marker, StringComparison.Ordinal);
        if (start <= 0) return null;
        var conversation = key[(start + marker.Length)..];
        var users = conversation.LastIndexOf("/users/", StringComparison.Ordinal);
        if (users >= 0) conversation = conversation[..users];
        return conversation.Length == 0 ? null : conversation;
    }

    /// <summary>
    /// The row of one subject's (a dialog-state key, which is also its conversation record's id) entity of
    /// <paramref name="kind"/>: <c>s:{key}!{kind}</c>. A subject's rows sit next to each other, so one range query
    /// (<see cref="SubjectRange"/>) reads its record and its dialog state together. <c>!</c> never occurs in an
    /// encoded key, so the range holds exactly this subject's rows.
    /// </summary>
    public static string SubjectRow(string key, string kind) => SubjectPrefix + Encode(key) + "!" + kind;

    public static (string From, string To) SubjectRange(string key) => (SubjectPrefix + Encode(key) + "!", SubjectPrefix + Encode(key) + "\"");

    private const string SubjectPrefix = "s:";

    private static bool IsKept(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)':' or (byte)';' or (byte)'@' or (byte)'|' or (byte)',' or (byte)'=';
}
