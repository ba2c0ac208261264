using System.Security.Cryptography;
using System.Text;

namespace PartnerBot.Hosting;

/// <summary>
/// Loads a symmetric key from configuration, or from a key file generated on first start. A key that is set but
/// empty, too short or unreadable stops the app: falling back to a fresh key would silently change every hash or
/// invalidate every token, and a weak key protects nothing.
/// </summary>
public static class SecretKey
{
    /// <summary>256 bits, the size of the HMAC-SHA256 output the keys are used with.</summary>
    public const int MinimumBytes = 32;

    /// <summary>A configured key of 32 characters drawn from fewer symbols than this is a placeholder, not a secret.</summary>
    private const int MinimumDistinctCharacters = 10;

    /// <param name="setting">The configuration key, named in the error.</param>
    /// <param name="configured">The configured value: null when the setting is absent, so the key file is used.</param>
    public static byte[] Load(string setting, string? configured, string keyFile)
    {
        if (configured is not null) return FromConfiguration(setting, configured);
        if (!File.Exists(keyFile))
        {
            try
            {
                OwnerOnlyFiles.CreateNew(keyFile, Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes))));
            }
            catch (IOException) when (File.Exists(keyFile))
            {
                // Another instance created it first; use theirs.
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new StartupCheckException($"The key file '{keyFile}' for {setting} cannot be created ({exception.Message}). Make its folder writable or configure {setting}.", exception);
            }
        }
        return FromFile(setting, keyFile);
    }

    private static byte[] FromConfiguration(string setting, string configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new StartupCheckException($"{setting} is set but empty. Set it to a random secret of at least {MinimumBytes} characters (e.g. `openssl rand -base64 32`), or remove the setting to use a generated key file.");
        }
        var bytes = Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < MinimumBytes || configured.Distinct().Count() < MinimumDistinctCharacters)
        {
            throw new StartupCheckException($"{setting} is too weak: use a random secret of at least {MinimumBytes} characters (e.g. `openssl rand -base64 32`).");
        }
        return bytes;
    }

    private static byte[] FromFile(string setting, string keyFile)
    {
        string text;
        try
        {
            text = File.ReadAllText(keyFile).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StartupCheckException($"The key file '{keyFile}' for {setting} cannot be read ({exception.Message}).", exception);
        }
        var buffer = new byte[text.Length];
        if (text.Length == 0 || !Convert.TryFromBase64String(text, buffer, out var written) || written < MinimumBytes)
        {
            // Regenerating would quietly break what the old key protected, so the operator decides.
            throw new StartupCheckException($"The key file '{keyFile}' for {setting} is not a valid key (expected the base64 of at least {MinimumBytes} random bytes). Restore it from a backup, or delete it to generate a new key.");
        }
        TightenPermissions(keyFile);
        return buffer[..written];
    }

    /// <summary>Key files written by older versions (or copied in) may be readable by everyone; a key is not.</summary>
    private static void TightenPermissions(string keyFile)
    {
        if (OperatingSystem.IsWindows()) return;
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        try
        {
            if ((File.GetUnixFileMode(keyFile) & others) != 0) File.SetUnixFileMode(keyFile, OwnerOnlyFiles.FileMode);
        }
        catch (UnauthorizedAccessException)
        {
            // Not the owner: the operator manages this file's permissions.
        }
    }
}
