using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnerBot.BotFramework.Authentication;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// Stands in for login.botframework.com and Entra ID on loopback: OpenID metadata and a JWKS whose keys carry
/// Bot Framework endorsements, real RSA keys that can be rotated, and tokens minted the way the channels mint them.
/// </summary>
public sealed class LocalIdentityProvider : IAsyncDisposable
{
    public const string AppId = "0b1a2c3d-4e5f-4061-8293-a4b5c6d7e8f9";
    public const string EmulatorTenant = "d6d49420-f39b-4df7-a1dc-d59a935871db";

    private readonly WebApplication _app;
    private readonly List<SigningKey> _channelKeys = [];
    private readonly List<SigningKey> _entraKeys = [];
    private int _channelKeyFetches;

    public sealed record SigningKey(string Kid, RSA Rsa, string[] Endorsements);

    private LocalIdentityProvider(WebApplication app) => _app = app;

    public string BaseUrl { get; private init; } = null!;

    public string ChannelMetadataUrl => BaseUrl + "/channel/.well-known/openidconfiguration";

    public string EntraMetadataUrl => BaseUrl + "/entra/.well-known/openid-configuration";

    public int ChannelKeyFetches => Volatile.Read(ref _channelKeyFetches);

    public SigningKey ChannelKey => _channelKeys[0];

    public SigningKey EntraKey => _entraKeys[0];

    public static async Task<LocalIdentityProvider> StartAsync()
    {
        LocalIdentityProvider? provider = null;
        var (app, address) = await LoopbackServer.StartAsync(app => MapEndpoints(app, () => provider!));
        provider = new LocalIdentityProvider(app) { BaseUrl = address };
        provider._channelKeys.Add(NewKey("channel-key-1", "msteams", "webchat", "directline", "emulator"));
        provider._entraKeys.Add(NewKey("entra-key-1"));
        return provider;
    }

    private static void MapEndpoints(WebApplication app, Func<LocalIdentityProvider> current)
    {
        app.MapGet("/channel/.well-known/openidconfiguration", () => Results.Json(new
        {
            issuer = BotAuthenticationSettings.ChannelIssuer,
            jwks_uri = current().BaseUrl + "/channel/keys",
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }));
        app.MapGet("/channel/keys", () =>
        {
            Interlocked.Increment(ref current()._channelKeyFetches);
            var provider = current();
            lock (provider._channelKeys) return Results.Json(new { keys = provider._channelKeys.Select(Jwk).ToArray() });
        });
        app.MapGet("/entra/.well-known/openid-configuration", () => Results.Json(new
        {
            issuer = $"https://login.microsoftonline.com/{EmulatorTenant}/v2.0",
            jwks_uri = current().BaseUrl + "/entra/keys",
        }));
        app.MapGet("/entra/keys", () => Results.Json(new { keys = current()._entraKeys.Select(Jwk).ToArray() }));
    }

    /// <summary>The settings that point PartnerBot at this provider with authentication on.</summary>
    public Dictionary<string, string?> BotSettings() => new()
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "test-client-secret",
        ["MicrosoftAppType"] = "MultiTenant",
        ["BotFramework:ChannelOpenIdMetadataUrl"] = ChannelMetadataUrl,
        ["BotFramework:EntraOpenIdMetadataUrl"] = EntraMetadataUrl,
    };

    /// <summary>Publishes a new channel signing key (as Bot Framework does when it rotates keys).</summary>
    public SigningKey RotateChannelKey(string kid)
    {
        var key = NewKey(kid, "msteams", "webchat", "directline", "emulator");
        lock (_channelKeys) _channelKeys.Insert(0, key);
        return key;
    }

    public static SigningKey NewKey(string kid, params string[] endorsements) => new(kid, RSA.Create(2048), endorsements);

    /// <summary>A token as a Bot Framework channel sends it: issuer api.botframework.com, audience the bot, serviceurl claim.</summary>
    public static string ChannelToken(SigningKey key, string serviceUrl, string audience = AppId, string issuer = BotAuthenticationSettings.ChannelIssuer,
        DateTime? notBefore = null, DateTime? expires = null, string algorithm = SecurityAlgorithms.RsaSha256) =>
        Mint(new RsaSecurityKey(key.Rsa) { KeyId = key.Kid }, algorithm, issuer, audience, notBefore, expires, new Dictionary<string, object> { ["serviceurl"] = serviceUrl });

    /// <summary>An Emulator / Entra token, v1 (appid) or v2 (azp).</summary>
    public static string EntraToken(SigningKey key, string version, string appId = AppId) =>
        Mint(new RsaSecurityKey(key.Rsa) { KeyId = key.Kid }, SecurityAlgorithms.RsaSha256,
            version == "1.0" ? $"https://sts.windows.net/{EmulatorTenant}/" : $"https://login.microsoftonline.com/{EmulatorTenant}/v2.0",
            AppId, null, null,
            new Dictionary<string, object> { ["ver"] = version, [version == "1.0" ? "appid" : "azp"] = appId });

    public static string Mint(SecurityKey key, string algorithm, string issuer, string audience, DateTime? notBefore, DateTime? expires, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(60),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>An unsigned token ("alg": "none") with otherwise valid channel claims.</summary>
    public static string UnsignedToken(string serviceUrl)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." + Part($$"""{"iss":"{{BotAuthenticationSettings.ChannelIssuer}}","aud":"{{AppId}}","exp":{{exp}},"serviceurl":"{{serviceUrl}}"}""") + ".";
    }

    private static object Jwk(SigningKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new
        {
            kty = "RSA",
            use = "sig",
            kid = key.Kid,
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
            endorsements = key.Endorsements,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var key in _channelKeys.Concat(_entraKeys)) key.Rsa.Dispose();
    }
}
