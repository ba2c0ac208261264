using System.Collections.Concurrent;

namespace PartnerBot.BotFramework.Connector;

/// <summary>
/// The service URLs the bot may send its Connector token to: those that arrived in a validated token, and the
/// configured hosts (for proactive messages after a restart). A forged activity's serviceUrl is in neither, so
/// the bot's credentials never go there.
/// </summary>
public sealed class TrustedServiceUrls(IEnumerable<string> configuredHosts)
{
    private readonly string[] _hosts = configuredHosts.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).ToArray();
    private readonly ConcurrentDictionary<string, byte> _learned = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl)
    {
        if (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)) _learned[Normalize(uri)] = 0;
    }

    public bool IsTrusted(Uri serviceUrl)
    {
        if (_learned.ContainsKey(Normalize(serviceUrl))) return true;
        var host = serviceUrl.Host.ToLowerInvariant();
        return serviceUrl.Scheme == Uri.UriSchemeHttps
            && _hosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal) ? host.EndsWith(pattern[1..], StringComparison.Ordinal) : host == pattern);
    }

    private static string Normalize(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
