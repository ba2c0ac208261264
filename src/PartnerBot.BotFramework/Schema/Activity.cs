using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PartnerBot.BotFramework.Schema;

/// <summary>
/// A Bot Framework activity (Bot Framework Activity schema v3). Only the fields PartnerBot reads or
/// writes are typed; everything else a channel sends is kept in <see cref="ExtensionData"/> so that
/// it survives a read/write round trip unchanged.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }

    /// <summary>The sender's IANA time zone ("Europe/Berlin"), as Web Chat and Teams send it.</summary>
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public JsonNode? Value { get; set; }
    public string? Name { get; set; }
    public JsonNode? ChannelData { get; set; }
    public List<Entity>? Entities { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? Action { get; set; }
    public string? InputHint { get; set; }
    public string? DeliveryMode { get; set; }
    public string? Summary { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    [JsonIgnore]
    public bool ExpectsReplies => string.Equals(DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);

    /// <summary>A message activity from the bot to the user; routing fields are filled by the turn.</summary>
    public static Activity CreateMessage(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        InputHint = InputHints.AcceptingInput,
    };

    /// <summary>A copy whose own fields can be set without touching this activity (the accounts, lists and cards are shared).</summary>
    internal Activity ShallowCopy() => (Activity)MemberwiseClone();

    /// <summary>
    /// The reply skeleton the Bot Framework expects: addresses swapped, same conversation, channel and
    /// service URL, <c>replyToId</c> pointing at this activity, locale carried over.
    /// </summary>
    public Activity CreateReply(string? text = null) => ApplyReplyRouting(CreateMessage(text));

    public Activity ApplyReplyRouting(Activity reply)
    {
        // Roles travel with the addresses: clients such as Web Chat use from.role to tell the bot's messages apart.
        reply.From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = Recipient.Role };
        reply.Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId, Role = From.Role };
        reply.Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            Name = Conversation.Name,
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
            IsGroup = Conversation.IsGroup,
        };
        reply.ChannelId = ChannelId;
        reply.ServiceUrl = ServiceUrl;
        reply.ReplyToId ??= Id;
        reply.Locale ??= Locale;
        return reply;
    }

    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    /// <summary>The Teams mention entities in this activity.</summary>
    public IEnumerable<Mention> GetMentions() =>
        Entities?.Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase))
            .Select(Mention.FromEntity)
            .OfType<Mention>()
        ?? [];
}
