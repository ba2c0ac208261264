using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.DirectLine;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.DirectLine;

/// <summary>A minimal Direct Line 3.0 client over an HttpClient, speaking exactly what Web Chat sends.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public sealed record PageToken(string Token, string ConversationId, string UserId, int ExpiresIn, string Domain);

    public HttpClient Http => http;

    public async Task<PageToken> GetPageTokenAsync(string? resume = null)
    {
        using var response = await http.PostAsJsonAsync("/api/directline/token", new { resume });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PageToken>(BotJson.Options))!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, "/v3/directline" + path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body, options: BotJson.Options);
        return http.SendAsync(request);
    }

    public async Task<string> PostMessageAsync(string conversationId, string token, string text, string clientActivityId = "client-1")
    {
        using var response = await SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, Message(text, clientActivityId));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async Task<ActivitySet> GetActivitiesAsync(string conversationId, string token, string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities" + (watermark is null ? "" : $"?watermark={watermark}"), token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ActivitySet>(BotJson.Options))!;
    }

    public static Activity Message(string text, string clientActivityId = "client-1") => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount { Id = "whoever-the-client-claims", Name = "Visitor" },
        Locale = "en-US",
        ChannelData = new JsonObject { ["clientActivityID"] = clientActivityId },
    };

    public static async Task<(int Status, string Code)> ErrorOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var code = string.IsNullOrEmpty(body) ? "" : JsonNode.Parse(body)?["error"]?["code"]?.GetValue<string>() ?? "";
        return ((int)response.StatusCode, code);
    }

    public static string Text(JsonElement element) => element.GetRawText();
}
