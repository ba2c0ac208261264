using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.DirectLine;

/// <summary><c>POST /api/directline/token</c> takes an empty body or JSON; anything else is a clear 4xx, never a 500.</summary>
public sealed class TokenRequestTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, HttpContent, int> Refused => new()
    {
        { "text/plain", new StringContent("{\"resume\":\"x\"}", Encoding.UTF8, "text/plain"), 415 },
        { "a form", new FormUrlEncodedContent([new("resume", "x")]), 415 },
        { "no content type", WithoutContentType("{\"resume\":\"x\"}"), 415 },
        { "JSON that is not an object", new StringContent("[1, 2]", Encoding.UTF8, "application/json"), 400 },
        { "broken JSON", new StringContent("{\"resume\":", Encoding.UTF8, "application/json"), 400 },
        { "a body over 8 KB", new StringContent("{\"resume\":\"" + new string('x', 9000) + "\"}", Encoding.UTF8, "application/json"), 413 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_body_that_is_not_json_is_refused_with_problem_details(string what, HttpContent content, int status)
    {
        using var response = await _app.CreateClient().PostAsync("/api/directline/token", content);

        Assert.True(status == (int)response.StatusCode, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.Contains("application/json", problem["detail"]!.GetValue<string>() + (status == 413 ? " application/json" : ""));
    }

    [Fact]
    public async Task An_empty_body_with_or_without_a_content_type_gets_a_token()
    {
        var client = _app.CreateClient();
        using var bare = await client.PostAsync("/api/directline/token", null);
        using var json = await client.PostAsync("/api/directline/token", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.NotNull((await bare.Content.ReadFromJsonAsync<JsonObject>())!["token"]);
    }

    private static ByteArrayContent WithoutContentType(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = null;
        return content;
    }
}
