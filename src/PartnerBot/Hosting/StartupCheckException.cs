namespace PartnerBot.Hosting;

/// <summary>
/// Something the app needs (a key, the database) is missing, unreadable or unsafe. Thrown while the host starts,
/// so the process stops with this message (naming the setting or file and the problem) instead of failing on
/// every request later.
/// </summary>
public sealed class StartupCheckException(string message, Exception? inner = null) : Exception(message, inner);
