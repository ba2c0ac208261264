using System.Net;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Hosting;

/// <summary>
/// Behind App Service's front end: the forwarded scheme counts only when <c>ForwardedHeaders:Enabled</c> says so;
/// outside Development plain HTTP is redirected to HTTPS and HTTPS answers carry HSTS.
/// </summary>
public sealed class FrontEndTests
{
    private static PartnerBotApplication Production(bool forwardedHeaders) => new(settings: new Dictionary<string, string?>
    {
        ["Bot:AllowUnauthenticated"] = "true",
        ["ForwardedHeaders:Enabled"] = forwardedHeaders ? "true" : "false",
        // The port the front end serves HTTPS on, so that the redirect has somewhere to go.
        ["HTTPS_PORT"] = "443",
    }, environment: "Production");

    private static async Task<HttpResponseMessage> GetAsync(PartnerBotApplication app, string? forwardedProto)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://partnerbot.example/healthz/live");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_outside_development()
    {
        using var app = Production(forwardedHeaders: true);

        var response = await GetAsync(app, forwardedProto: null);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://partnerbot.example/healthz/live", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Https_at_the_front_end_is_served_with_hsts_when_forwarded_headers_are_enabled()
    {
        using var app = Production(forwardedHeaders: true);

        var response = await GetAsync(app, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_unless_enabled()
    {
        using var app = Production(forwardedHeaders: false);

        var response = await GetAsync(app, forwardedProto: "https");

        // A client claiming HTTPS over plain HTTP is not believed: it is redirected like any plain request.
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Development_neither_redirects_nor_sends_hsts()
    {
        using var app = new PartnerBotApplication(settings: new Dictionary<string, string?> { ["HTTPS_PORT"] = "443" });

        var response = await GetAsync(app, forwardedProto: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
