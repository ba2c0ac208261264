using System.Security.Cryptography;
using System.Text;
using PartnerBot.Hosting;

namespace PartnerBot.ConversationLog;

/// <summary>
/// Replaces a user id with a keyed hash, so a prospect who declined consent can still be counted (and their
/// dialog run) without their id being stored in clear. The key never leaves configuration or the data folder.
/// </summary>
public sealed class UserIdHasher(byte[] key)
{
    public string Hash(string? userId) =>
        userId is null ? "anonymous" : "h:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userId)))[..32];

    /// <summary>The configured key, or one generated once into <paramref name="keyFile"/>; see <see cref="SecretKey"/>.</summary>
    public static UserIdHasher FromConfiguredOrPersistedKey(string? configuredKey, string keyFile) =>
        new(SecretKey.Load("Privacy:UserIdHashKey", configuredKey, keyFile));
}
