using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Identity.Client;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// Entra ID's token endpoint on HTTPS loopback (MSAL only talks to HTTPS authorities), with a self-signed
/// certificate that only this test's MSAL HTTP client trusts. Answers client-credentials requests like Entra and
/// records them.
/// </summary>
public sealed class FakeEntraId : IAsyncDisposable, IMsalHttpClientFactory
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly List<IFormCollection> _tokenRequests = [];

    private FakeEntraId(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public string AuthorityHost { get; private init; } = null!;

    public IReadOnlyList<IFormCollection> TokenRequests
    {
        get { lock (_tokenRequests) return _tokenRequests.ToList(); }
    }

    public const string AccessToken = "connector-access-token-from-fake-entra";

    public static async Task<FakeEntraId> StartAsync()
    {
        var certificate = CreateCertificate();
        FakeEntraId? entra = null;
        var (app, address) = await LoopbackServer.StartAsync(
            app => app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            lock (entra!._tokenRequests) entra._tokenRequests.Add(form);
            return form["grant_type"] == "client_credentials" && form["scope"] == "https://api.botframework.com/.default"
                ? Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = AccessToken })
                : Results.Json(new { error = "invalid_request" }, statusCode: 400);
        }),
            builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate))));
        entra = new FakeEntraId(app, certificate) { AuthorityHost = address.Replace("http://", "https://") };
        return entra;
    }

    /// <summary>MSAL's HTTP client for the test: trusts exactly the fake's certificate, nothing else changes.</summary>
    public HttpClient GetHttpClient() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint,
    });

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
