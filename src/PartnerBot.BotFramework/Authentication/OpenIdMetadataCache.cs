using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace PartnerBot.BotFramework.Authentication;

/// <summary>
/// OpenID metadata and signing keys from one URL: fetched once, refreshed daily, and fetched again at once
/// (waiting for the result) when a token names a key the cache does not have, so a key rotation never causes
/// a rejected turn. Forced refreshes happen at most every <see cref="MinimumRefreshInterval"/>, so tokens with
/// made-up key ids cannot make the bot hammer the metadata endpoint.
/// </summary>
public sealed class OpenIdMetadataCache(string metadataUrl, HttpClient http, TimeProvider clock)
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(1);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private readonly IConfigurationRetriever<OpenIdConnectConfiguration> _retriever = new OpenIdConnectConfigurationRetriever();
    private readonly HttpDocumentRetriever _documents = new(http) { RequireHttps = metadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) };
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;

    /// <summary>The configuration, refreshed first if it is old or lacks <paramref name="kid"/>.</summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(string? kid, CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && !IsStale() && (kid is null || HasKey(current, kid))) return current;

        await _fetch.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            var now = clock.GetUtcNow();
            var forced = current is not null && !IsStale() && kid is not null && !HasKey(current, kid);
            if (forced && now - _lastForcedRefresh < MinimumRefreshInterval) return current!;
            if (current is not null && !IsStale() && !forced) return current;

            _current = await _retriever.GetConfigurationAsync(metadataUrl, _documents, cancellationToken);
            _fetchedAt = now;
            if (forced) _lastForcedRefresh = now;
            return _current;
        }
        finally
        {
            _fetch.Release();
        }
    }

    private bool IsStale() => clock.GetUtcNow() - _fetchedAt > MaximumAge;

    private static bool HasKey(OpenIdConnectConfiguration configuration, string kid) => configuration.SigningKeys.Any(k => k.KeyId == kid);
}
