using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerBot.Hosting;

namespace PartnerBot.DirectLine;

/// <summary>
/// Embedded Direct Line tokens: JWTs signed with HMAC-SHA256 stating that the holder may use one conversation
/// (<c>conv</c>) as one user (<c>user</c>) until <c>exp</c>; <c>cst</c> is when the conversation started, carried
/// from token to token so that refreshing cannot extend a conversation past its maximum age. Web Chat reads the <c>user</c> claim to know which
/// messages are the visitor's, as it does with Azure's Direct Line tokens. Nothing is stored server-side; the
/// signature is the proof.
/// </summary>
public sealed class DirectLineTokens(byte[] key, TimeProvider clock, TimeSpan lifetime)
{
    public const string Issuer = "partnerbot-directline";

    public sealed record Claims(string ConversationId, string UserId, DateTimeOffset ExpiresAt, DateTimeOffset ConversationStartedAt);

    public enum Status { Valid, Expired, Invalid }

    private static readonly string Header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));

    public TimeSpan Lifetime { get; } = lifetime;

    /// <param name="conversationStartedAt">When the conversation started (from the token being refreshed); now for a new one.</param>
    public string Issue(string conversationId, string userId, DateTimeOffset? conversationStartedAt = null)
    {
        var now = clock.GetUtcNow();
        var started = (conversationStartedAt ?? now).ToUnixTimeSeconds();
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Payload(Issuer, conversationId, userId, now.ToUnixTimeSeconds(), now.Add(Lifetime).ToUnixTimeSeconds(), started)));
        var signed = Header + "." + payload;
        return signed + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
    }

    public (Status Status, Claims? Claims) Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return (Status.Invalid, null);
        var parts = token.Split('.');
        // The header must be exactly ours: no "alg": "none", no other algorithm.
        if (parts.Length != 3 || parts[0] != Header || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature)) return (Status.Invalid, null);
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(signature, expected)) return (Status.Invalid, null);

        Payload? claims;
        try
        {
            claims = JsonSerializer.Deserialize<Payload>(payload);
        }
        catch (JsonException)
        {
            return (Status.Invalid, null);
        }
        if (claims is null || claims.Iss != Issuer || string.IsNullOrEmpty(claims.Conv) || string.IsNullOrEmpty(claims.User)) return (Status.Invalid, null);
        // Tokens issued before the start was carried count from their own issue time.
        var result = new Claims(claims.Conv, claims.User, DateTimeOffset.FromUnixTimeSeconds(claims.Exp), DateTimeOffset.FromUnixTimeSeconds(claims.Cst ?? claims.Iat));
        return (result.ExpiresAt <= clock.GetUtcNow() ? Status.Expired : Status.Valid, result);
    }

    /// <summary>The configured key, or one generated once into <paramref name="keyFile"/>; see <see cref="SecretKey"/>.</summary>
    public static byte[] LoadKey(string? configured, string keyFile) => SecretKey.Load("DirectLine:TokenSigningKey", configured, keyFile);

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

    private sealed record Payload(
        [property: JsonPropertyName("iss")] string Iss,
        [property: JsonPropertyName("conv")] string Conv,
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("iat")] long Iat,
        [property: JsonPropertyName("exp")] long Exp,
        [property: JsonPropertyName("cst")] long? Cst);
}
