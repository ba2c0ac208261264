using System.Text.Json.Serialization;

namespace PartnerBot.BotFramework.DirectLine;

/// <summary>The answer to starting or reconnecting to a conversation, and to token generate/refresh.</summary>
public sealed class DirectLineConversation
{
    public string? ConversationId { get; set; }

    public string? Token { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }

    public string? StreamUrl { get; set; }
}
