using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// One prospect talking to the bot through <c>POST /api/messages</c>. With no service URL the replies come back
/// in the response (<c>expectReplies</c>), so a test reads as a script: send, then check what came back.
/// </summary>
public sealed class TestChat(HttpClient client, string conversationId, string channelId, string userId, string userName, string? conversationType, string? serviceUrl, string locale = "en-US")
{
    private int _sequence;

    public string ConversationId => conversationId;

    public string UserId => userId;

    public HttpClient Client => client;

    public Activity NewMessage(string? text, JsonNode? value = null)
    {
        var activity = NewActivity(ActivityTypes.Message);
        activity.Text = text;
        activity.Value = value;
        return activity;
    }

    public Activity NewActivity(string type) => new()
    {
        Type = type,
        Id = $"{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}",
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = userId, Name = userName, Role = "user" },
        Recipient = new ChannelAccount { Id = "partnerbot", Name = "PartnerBot", Role = "bot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = conversationType, IsGroup = conversationType is "channel" or "groupChat" ? true : null, TenantId = channelId == "msteams" ? "tenant-1" : null },
        Locale = locale,
        DeliveryMode = serviceUrl is null ? DeliveryModes.ExpectReplies : null,
    };

    public Task<Replies> SendAsync(string? text) => SendAsync(NewMessage(text));

    /// <summary>An Adaptive Card <c>Action.Submit</c>: a message with <c>value</c> and no text.</summary>
    public Task<Replies> SubmitAsync(object value) => SendAsync(NewMessage(null, JsonSerializer.SerializeToNode(value)));

    public async Task<Replies> SendAsync(Activity activity)
    {
        using var response = await PostAsync(activity);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"POST /api/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return await RepliesOf(response);
    }

    /// <summary>The replies in an <c>expectReplies</c> response body (none when the body is empty).</summary>
    public static async Task<Replies> RepliesOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(body) ? new Replies([]) : new Replies(JsonSerializer.Deserialize<ExpectedReplies>(body, BotJson.Options)!.Activities);
    }

    public Task<HttpResponseMessage> PostAsync(Activity activity) =>
        client.PostAsJsonAsync("/api/messages", activity, BotJson.Options);
}
