using System.Text;
using System.Text.Json;

namespace PartnerBot.Storage;

/// <summary>
/// The sales list's page position as the client holds it: the sort key of the last record shown, as an opaque
/// token (base64 of a JSON pair). Each provider decides what the pair is (SQLite: time and id; Table: month bucket
/// and row key); a token that was not issued by this codec is refused as invalid input, never guessed at.
/// </summary>
public static class ContinuationToken
{
    public static string Encode(string first, string second) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { first, second })));

    /// <param name="isValid">The provider's own check of the pair (for example that the first part is a month).</param>
    /// <exception cref="ArgumentException">The token is not one this codec issued.</exception>
    public static (string First, string Second)? Decode(string? token, Func<string, string, bool>? isValid = null)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            if (parts is not [{ } first, { } second] || (isValid is not null && !isValid(first, second))) throw new FormatException();
            return (first, second);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), exception);
        }
    }
}
