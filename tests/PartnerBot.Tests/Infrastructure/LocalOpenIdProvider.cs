using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// An Entra ID tenant on loopback for the sales workspace's sign-in, speaking the real protocol: OpenID Connect
/// discovery and keys under <c>/{tenant}/v2.0</c>, the authorization code flow with PKCE (the authorize endpoint
/// signs in <see cref="SignInAs"/> at once and redirects back with a code), the token endpoint checking the client
/// secret, redirect address and code verifier, and v2 tokens with <c>tid</c>, <c>oid</c>, <c>roles</c>, <c>groups</c>.
/// </summary>
public sealed class LocalOpenIdProvider : IAsyncDisposable
{
    public const string Tenant = "7d1f0b5e-2c3a-4e4b-9f6d-0a1b2c3d4e5f";
    public const string ClientId = "4c5d6e7f-8091-4a2b-b3c4-d5e6f7a8b9c0";
    public const string ClientSecret = "test-sales-client-secret";

    public sealed record Person(string ObjectId, string Name, string Tenant = LocalOpenIdProvider.Tenant, string[]? Roles = null, string[]? Groups = null);

    public static readonly Person Reviewer = new("oid-rita", "Rita Reviewer", Roles: ["Sales.Review"]);

    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "sales-key-1" };
    private readonly ConcurrentDictionary<string, (string ClientId, string RedirectUri, string Challenge, string? Nonce, Person Person)> _codes = new();

    private LocalOpenIdProvider(Microsoft.AspNetCore.Builder.WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Issuer => $"{BaseUrl}/{Tenant}/v2.0";

    /// <summary>Who the next sign-in is.</summary>
    public Person SignInAs { get; set; } = Reviewer;

    public int TokenRequests;

    public static async Task<LocalOpenIdProvider> StartAsync()
    {
        LocalOpenIdProvider? provider = null;
        var (app, address) = await LoopbackServer.StartAsync(app => Map(app, () => provider!));
        provider = new LocalOpenIdProvider(app, address.TrimEnd('/'));
        return provider;
    }

    /// <summary>The settings that point the workspace at this tenant.</summary>
    public Dictionary<string, string?> SalesSettings(string? allowedGroup = null) => new()
    {
        ["Sales:Instance"] = BaseUrl + "/",
        ["Sales:TenantId"] = Tenant,
        ["Sales:ClientId"] = ClientId,
        ["Sales:ClientSecret"] = ClientSecret,
        ["Sales:AllowedGroupIds:0"] = allowedGroup,
    };

    /// <summary>An access token for the API as Entra issues it to a client of the workspace's app.</summary>
    public string AccessToken(Person person, string audience = ClientId, DateTime? expires = null, SecurityKey? signingKey = null, string? issuer = null) =>
        Mint(person, audience, nonce: null, expires, signingKey, issuer);

    private string Mint(Person person, string audience, string? nonce, DateTime? expires = null, SecurityKey? signingKey = null, string? issuer = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["ver"] = "2.0",
            ["sub"] = "sub-" + person.ObjectId,
            ["oid"] = person.ObjectId,
            ["tid"] = person.Tenant,
            ["name"] = person.Name,
            ["preferred_username"] = person.ObjectId + "@partner.example",
        };
        if (nonce is not null) claims["nonce"] = nonce;
        if (person.Roles is { Length: > 0 } roles) claims["roles"] = roles;
        if (person.Groups is { Length: > 0 } groups) claims["groups"] = groups;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? $"{BaseUrl}/{person.Tenant}/v2.0",
            Audience = audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static void Map(Microsoft.AspNetCore.Builder.WebApplication app, Func<LocalOpenIdProvider> current)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
        {
            var root = $"{current().BaseUrl}/{tenant}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = $"{root}/v2.0",
                ["authorization_endpoint"] = $"{root}/oauth2/v2.0/authorize",
                ["token_endpoint"] = $"{root}/oauth2/v2.0/token",
                ["jwks_uri"] = $"{current().BaseUrl}/discovery/v2.0/keys",
                ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
                ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
                ["subject_types_supported"] = new[] { "pairwise" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            });
        });
        app.MapGet("/discovery/v2.0/keys", () =>
        {
            var parameters = ((RSA)current()._key.Rsa).ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = current()._key.KeyId, alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", (HttpRequest request) =>
        {
            var provider = current();
            var query = request.Query;
            if (query["response_type"] != "code" || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["redirect_uri"]))
            {
                return Results.BadRequest("authorization code flow with PKCE (S256) expected");
            }
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            provider._codes[code] = (query["client_id"].ToString(), query["redirect_uri"].ToString(), query["code_challenge"].ToString(), query["nonce"], provider.SignInAs);
            var redirect = QueryHelpers.AddQueryString(query["redirect_uri"].ToString(), new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] });
            return Results.Redirect(redirect);
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var provider = current();
            Interlocked.Increment(ref provider.TokenRequests);
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || !provider._codes.TryRemove(form["code"].ToString(), out var grant))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }
            var verifier = form["code_verifier"].ToString();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (form["client_id"] != grant.ClientId || form["client_secret"] != ClientSecret || form["redirect_uri"] != grant.RedirectUri || challenge != grant.Challenge)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }
            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = 3600,
                id_token = provider.Mint(grant.Person, grant.ClientId, grant.Nonce),
                access_token = provider.Mint(grant.Person, grant.ClientId, nonce: null),
            });
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
