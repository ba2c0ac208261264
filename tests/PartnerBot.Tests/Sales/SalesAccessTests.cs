using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>
/// Who gets into <c>/sales</c> and <c>/api/sales</c>: loopback only in local mode; with Entra ID, a sign-in
/// redirect for pages and 401 for the API without a session, 403 for the wrong tenant or without the role or group,
/// and no entry with a prospect's Direct Line token or a channel's token.
/// </summary>
public sealed class SalesAccessTests
{
    [Theory]
    [InlineData("/api/sales/me")]
    [InlineData("/api/sales/conversations")]
    [InlineData("/api/sales/export.csv")]
    [InlineData("/sales")]
    public async Task Local_mode_answers_on_this_machine_and_refuses_any_other_caller(string path)
    {
        using var app = SalesApp.Local();

        using var loopback = await SalesApp.Client(app, "127.0.0.1").GetAsync(path);
        using var ipv6 = await SalesApp.Client(app, "::1").GetAsync(path);
        using var lan = await SalesApp.Client(app, "192.0.2.10").GetAsync(path);
        using var noAddress = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ipv6.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, lan.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noAddress.StatusCode);
        Assert.Contains("local mode", await lan.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Local_mode_refuses_a_page_on_another_site_that_rebinds_its_name_to_this_machine()
    {
        using var app = SalesApp.Local();
        var client = SalesApp.Client(app, "127.0.0.1");
        client.DefaultRequestHeaders.Host = "attacker.example";

        using var response = await client.GetAsync("/api/sales/conversations");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    [InlineData("Via", "1.1 tunnel")]
    public async Task Local_mode_refuses_what_a_tunnel_or_proxy_on_this_machine_forwards(string header, string value)
    {
        using var app = SalesApp.Local();
        var client = SalesApp.Client(app, "127.0.0.1");
        client.DefaultRequestHeaders.Add(header, value);

        using var response = await client.GetAsync("/api/sales/conversations");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Changes_need_the_workspace_header_so_another_site_cannot_make_a_browser_change_leads()
    {
        using var app = SalesApp.Local();
        var client = SalesApp.Client(app, "127.0.0.1", salesHeader: false);

        using var response = await client.PostAsync("/api/sales/erasures", new StringContent("""{"email":"a@b.example"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-PartnerBot-Sales", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_entra_a_page_without_a_session_redirects_to_sign_in_and_the_api_answers_401()
    {
        await using var idp = await LocalOpenIdProvider.StartAsync();
        using var app = new PartnerBotApplication(settings: idp.SalesSettings());
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var page = await client.GetAsync("/sales");
        using var api = await client.GetAsync("/api/sales/conversations");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!.ToString();
        Assert.StartsWith($"{idp.BaseUrl}/{LocalOpenIdProvider.Tenant}/oauth2/v2.0/authorize?", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains($"client_id={LocalOpenIdProvider.ClientId}", location);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("Bearer", api.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task With_entra_a_token_with_the_app_role_or_an_allowed_group_gets_in()
    {
        await using var idp = await LocalOpenIdProvider.StartAsync();
        using var app = new PartnerBotApplication(settings: idp.SalesSettings(allowedGroup: "group-sales"));

        var role = await GetAsync(app, idp.AccessToken(LocalOpenIdProvider.Reviewer));
        var group = await GetAsync(app, idp.AccessToken(new("oid-gus", "Gus Group", Groups: ["group-other", "group-sales"])));
        var uri = await GetAsync(app, idp.AccessToken(LocalOpenIdProvider.Reviewer, audience: "api://" + LocalOpenIdProvider.ClientId));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (role.Status, group.Status, uri.Status));
        Assert.Contains("Rita Reviewer", role.Body);
        Assert.Contains("\"mode\":\"entra\"", role.Body);
        Assert.Contains("Gus Group", group.Body);
    }

    [Fact]
    public async Task With_entra_the_wrong_tenant_or_no_role_or_group_is_403()
    {
        await using var idp = await LocalOpenIdProvider.StartAsync();
        using var app = new PartnerBotApplication(settings: idp.SalesSettings(allowedGroup: "group-sales"));
        // Issued by the same authority but for someone of another tenant (a guest token from elsewhere).
        var otherTenant = new LocalOpenIdProvider.Person("oid-eve", "Eve", Tenant: "00000000-0000-0000-0000-00000000beef", Roles: ["Sales.Review"]);

        var wrongTenant = await GetAsync(app, idp.AccessToken(otherTenant, issuer: idp.Issuer));
        var noRole = await GetAsync(app, idp.AccessToken(new("oid-nora", "Nora", Roles: ["Other.Role"], Groups: ["group-other"])));

        Assert.Equal(HttpStatusCode.Forbidden, wrongTenant.Status);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.Status);
    }

    [Fact]
    public async Task With_entra_forged_expired_foreign_and_prospect_tokens_are_401()
    {
        await using var idp = await LocalOpenIdProvider.StartAsync();
        using var app = new PartnerBotApplication(settings: idp.SalesSettings());
        var forger = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "sales-key-1" };
        var directLine = await new DirectLine.DirectLineClient(app.CreateClient()).GetPageTokenAsync();
        var channel = LocalIdentityProvider.ChannelToken(LocalIdentityProvider.NewKey("channel"), "https://smba.trafficmanager.net/emea/");

        var tokens = new Dictionary<string, string>
        {
            ["forged"] = idp.AccessToken(LocalOpenIdProvider.Reviewer, signingKey: forger),
            ["expired"] = idp.AccessToken(LocalOpenIdProvider.Reviewer, expires: DateTime.UtcNow.AddMinutes(-10)),
            ["other audience"] = idp.AccessToken(LocalOpenIdProvider.Reviewer, audience: "some-other-app"),
            ["direct line"] = directLine.Token,
            ["channel"] = channel,
            ["garbage"] = "not.a.token",
        };
        foreach (var (name, token) in tokens)
        {
            var (status, _) = await GetAsync(app, token);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{name}: {status}");
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(PartnerBotApplication app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/sales/me");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
