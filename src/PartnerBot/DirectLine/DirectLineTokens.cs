using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PartnerBot.DirectLine;

/// <summary>
/// Embedded Direct Line tokens: a signed (HMAC-SHA256) statement that the holder may use one conversation as
/// one user until a time. Nothing is stored server-side; the signature is the proof.
/// </summary>
public sealed class DirectLineTokens(byte[] key, TimeProvider clock, TimeSpan lifetime)
{
    public sealed record Claims(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

    public enum Status { Valid, Expired, Invalid }

    public TimeSpan Lifetime { get; } = lifetime;

    public string Issue(string conversationId, string userId)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(conversationId, userId, clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds()));
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(key, payload));
    }

    public (Status Status, Claims? Claims) Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return (Status.Invalid, null);
        var dot = token.IndexOf('.');
        if (dot <= 0 || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var signature)) return (Status.Invalid, null);
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload))) return (Status.Invalid, null);

        Payload? claims;
        try
        {
            claims = JsonSerializer.Deserialize<Payload>(payload);
        }
        catch (JsonException)
        {
            return (Status.Invalid, null);
        }
        if (claims is null || string.IsNullOrEmpty(claims.C) || string.IsNullOrEmpty(claims.U)) return (Status.Invalid, null);
        var result = new Claims(claims.C, claims.U, DateTimeOffset.FromUnixTimeSeconds(claims.E));
        return (result.ExpiresAt <= clock.GetUtcNow() ? Status.Expired : Status.Valid, result);
    }

    /// <summary>The configured key, or one generated once and kept in the data folder.</summary>
    public static byte[] LoadKey(string? configured, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Encoding.UTF8.GetBytes(configured);
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            File.WriteAllText(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
    }

    /// <summary>A new random identifier, URL-safe.</summary>
    public static string NewId(int bytes = 16) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        bytes = [];
        try
        {
            bytes = Convert.FromBase64String(base64);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record Payload(string C, string U, long E);
}
