using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Authentication;

/// <summary>
/// Validates the bearer token of an inbound activity the way the Bot Framework requires. Channel tokens
/// (issuer api.botframework.com) must be signed by a key whose endorsements include the activity's channel
/// and must carry a <c>serviceurl</c> claim equal to the activity's serviceUrl. Emulator / Entra tokens
/// (v1 and v2) must come from the Bot Framework tenants (or the bot's own, single-tenant) and name the bot in
/// <c>appid</c> (v1) or <c>azp</c> (v2). Only RS256/384/512; lifetime checked with 5 minutes of skew; audience is
/// the bot's app id. Signing keys are cached and refreshed at once when a token names an unknown key.
/// </summary>
public sealed class ChannelTokenValidator(BotAuthenticationSettings settings, OpenIdMetadataCache channelMetadata, OpenIdMetadataCache entraMetadata)
{
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Tokens far larger than any channel's are refused without being read.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>
    /// A cheap check of the header's shape (<c>Bearer</c> and three base64url segments), so a request that cannot
    /// carry a valid token is refused before its body is read.
    /// </summary>
    public static AuthenticationOutcome? CheckShape(string? authorizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader)) return AuthenticationOutcome.Unauthorized("missing Authorization header");
        if (authorizationHeader.Length > MaxTokenLength) return AuthenticationOutcome.Unauthorized("Authorization header too long");
        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || parts[0] != "Bearer" || parts[1].Length == 0) return AuthenticationOutcome.Unauthorized("Authorization is not 'Bearer <token>'");
        var segments = parts[1].Split('.');
        if (segments.Length != 3 || segments.Any(s => s.Length == 0 || !s.All(IsBase64UrlChar)))
        {
            return AuthenticationOutcome.Unauthorized("token is not a JWT");
        }
        return null;
    }

    private static bool IsBase64UrlChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    public async Task<AuthenticationOutcome> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (CheckShape(authorizationHeader) is { } malformed) return malformed;
        var parts = authorizationHeader!.Split(' ');

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(parts[1]);
        }
        catch (ArgumentException)
        {
            return AuthenticationOutcome.Unauthorized("token is not a JWT");
        }
        if (!Algorithms.Contains(token.Alg)) return AuthenticationOutcome.Unauthorized($"algorithm '{LogValue.Clean(token.Alg)}' is not allowed");

        if (token.Issuer == BotAuthenticationSettings.ChannelIssuer) return await ValidateChannelTokenAsync(parts[1], token, activity, cancellationToken);
        if (settings.EntraIssuers.Contains(token.Issuer)) return await ValidateEntraTokenAsync(parts[1], token, cancellationToken);
        return AuthenticationOutcome.Unauthorized($"issuer '{LogValue.Clean(token.Issuer)}' is not trusted");
    }

    private async Task<AuthenticationOutcome> ValidateChannelTokenAsync(string raw, JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        var configuration = await channelMetadata.GetAsync(token.Kid, cancellationToken);
        var result = await _handler.ValidateTokenAsync(raw, Parameters(configuration, [BotAuthenticationSettings.ChannelIssuer]));
        if (!result.IsValid) return AuthenticationOutcome.Unauthorized($"channel token rejected: {result.Exception?.GetType().Name}");

        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == token.Kid);
        if (key is null || !Endorsements(key).Contains(activity.ChannelId ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return AuthenticationOutcome.Forbidden($"signing key is not endorsed for channel '{LogValue.Clean(activity.ChannelId)}'");
        }

        var serviceUrl = result.Claims.TryGetValue("serviceurl", out var claim) ? claim as string : null;
        if (string.IsNullOrWhiteSpace(serviceUrl)) return AuthenticationOutcome.Unauthorized("channel token has no serviceurl claim");
        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase)) return AuthenticationOutcome.Unauthorized("serviceurl claim does not match the activity");
        return AuthenticationOutcome.Success(result.ClaimsIdentity, "channel", vouchesForServiceUrl: true);
    }

    private async Task<AuthenticationOutcome> ValidateEntraTokenAsync(string raw, JsonWebToken token, CancellationToken cancellationToken)
    {
        var configuration = await entraMetadata.GetAsync(token.Kid, cancellationToken);
        var result = await _handler.ValidateTokenAsync(raw, Parameters(configuration, settings.EntraIssuers));
        if (!result.IsValid) return AuthenticationOutcome.Unauthorized($"Entra token rejected: {result.Exception?.GetType().Name}");

        // v1 tokens name the calling app in "appid", v2 tokens in "azp"; either must be this bot.
        var version = result.Claims.TryGetValue("ver", out var v) ? v as string : null;
        var caller = version switch
        {
            "1.0" => result.Claims.TryGetValue("appid", out var appId) ? appId as string : null,
            "2.0" => result.Claims.TryGetValue("azp", out var azp) ? azp as string : null,
            _ => null,
        };
        if (caller is null) return AuthenticationOutcome.Unauthorized($"Entra token version '{LogValue.Clean(version)}' without its app claim");
        return caller == settings.AppId
            ? AuthenticationOutcome.Success(result.ClaimsIdentity, $"entra v{version}")
            : AuthenticationOutcome.Unauthorized("Entra token was issued to another app");
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, IEnumerable<string> issuers) => new()
    {
        ValidIssuers = issuers,
        ValidAudience = settings.AppId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = Algorithms,
        ClockSkew = settings.ClockSkew,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
    };

    /// <summary>The channels a Bot Framework signing key is endorsed for (an extension of the JWK).</summary>
    public static IReadOnlyList<string> Endorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value) || value is null) return [];
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            IEnumerable<object> items => items.Select(i => i?.ToString()).OfType<string>().ToList(),
            _ => [],
        };
    }
}
