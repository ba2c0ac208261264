using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary>
/// Production mode: the page's token comes from Azure's Direct Line, exchanged server-side with the secret.
/// A fake token service on loopback checks the secret header and the body shape as Azure does.
/// </summary>
public sealed class DirectLineTokenExchangeTests : IAsyncLifetime
{
    private const string Secret = "the-direct-line-secret";
    private WebApplication _azure = null!;
    private PartnerBotApplication _app = null!;
    private readonly List<(string Path, string? Authorization, string Body)> _calls = [];

    public async Task InitializeAsync()
    {
        (_azure, var address) = await LoopbackServer.StartAsync(MapAzureTokenService);
        _app = new PartnerBotApplication(settings: new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = Secret,
            ["DirectLine:Endpoint"] = address + "/v3/directline",
            ["DirectLine:AllowedOrigins:0"] = "https://www.partner.example",
        });
    }

    /// <summary>Azure's Direct Line token service as far as PartnerBot uses it, checking the secret and body shape.</summary>
    private void MapAzureTokenService(WebApplication azure)
    {
        azure.MapPost("/v3/directline/tokens/generate", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            lock (_calls) _calls.Add((request.Path, request.Headers.Authorization.ToString(), body));
            if (request.Headers.Authorization != $"Bearer {Secret}") return Results.Json(new { error = new { code = "BadArgument", message = "secret" } }, statusCode: 403);
            var userId = JsonNode.Parse(body)?["user"]?["id"]?.GetValue<string>();
            if (userId is null || !userId.StartsWith("dl_", StringComparison.Ordinal)) return Results.Json(new { error = new { code = "BadArgument", message = "user" } }, statusCode: 400);
            return Results.Json(new { conversationId = "azure-conversation-1", token = "azure-token-1", expires_in = 3600 });
        });
        azure.MapPost("/v3/directline/tokens/refresh", (HttpRequest request) =>
        {
            lock (_calls) _calls.Add((request.Path, request.Headers.Authorization.ToString(), ""));
            return request.Headers.Authorization == "Bearer azure-token-1"
                ? Results.Json(new { conversationId = "azure-conversation-1", token = "azure-token-2", expires_in = 3600 })
                : Results.Json(new { error = new { code = "TokenExpired", message = "expired" } }, statusCode: 403);
        });
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _azure.DisposeAsync();
    }

    [Fact]
    public async Task The_secret_is_exchanged_server_side_and_never_reaches_the_page()
    {
        using var response = await _app.CreateClient().PostAsync("/api/directline/token", null);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Secret, text);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("azure-token-1", body["token"]!.GetValue<string>());
        Assert.Equal("azure-conversation-1", body["conversationId"]!.GetValue<string>());
        Assert.EndsWith("/v3/directline", body["domain"]!.GetValue<string>());
        var call = Assert.Single(_calls);
        Assert.Equal("/v3/directline/tokens/generate", call.Path);
        Assert.Equal($"Bearer {Secret}", call.Authorization);
        Assert.StartsWith("dl_", JsonNode.Parse(call.Body)!["user"]!["id"]!.GetValue<string>());
        Assert.Equal(body["userId"]!.GetValue<string>(), JsonNode.Parse(call.Body)!["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_returning_visitor_with_a_valid_azure_token_gets_it_refreshed()
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/directline/token", new { resume = "azure-token-1", userId = "dl_returning" });

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("azure-token-2", body["token"]!.GetValue<string>());
        Assert.Equal("dl_returning", body["userId"]!.GetValue<string>());
        Assert.Equal("Bearer azure-token-1", Assert.Single(_calls).Authorization);
    }

    [Fact]
    public async Task Cors_allows_only_the_configured_origins()
    {
        var client = _app.CreateClient();
        using var allowed = new HttpRequestMessage(HttpMethod.Options, "/api/directline/token");
        allowed.Headers.Add("Origin", "https://www.partner.example");
        allowed.Headers.Add("Access-Control-Request-Method", "POST");
        using var denied = new HttpRequestMessage(HttpMethod.Options, "/api/directline/token");
        denied.Headers.Add("Origin", "https://evil.example");
        denied.Headers.Add("Access-Control-Request-Method", "POST");

        using var allowedResponse = await client.SendAsync(allowed);
        using var deniedResponse = await client.SendAsync(denied);

        Assert.Equal("https://www.partner.example", allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(deniedResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
