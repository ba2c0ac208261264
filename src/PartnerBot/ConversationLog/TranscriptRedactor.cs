using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;

namespace PartnerBot.ConversationLog;

/// <summary>
/// What is kept of an activity when the prospect declined consent: its shape (type, time, direction, the
/// conversation it belongs to) for counting, but no text, no card data, no names and no user id in clear.
/// </summary>
public sealed class TranscriptRedactor(UserIdHasher hasher)
{
    public Activity Redact(Activity activity) => new()
    {
        Type = activity.Type,
        Id = activity.Id,
        Timestamp = activity.Timestamp,
        ChannelId = activity.ChannelId,
        Conversation = activity.Conversation is null ? null : new ConversationAccount
        {
            Id = activity.Conversation.Id,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = activity.Conversation.TenantId,
        },
        From = Redact(activity.From),
        Recipient = Redact(activity.Recipient),
        ReplyToId = activity.ReplyToId,
        Name = activity.Name,
    };

    public TranscriptEntry Redact(TranscriptEntry entry) => entry with { Activity = Redact(entry.Activity) };

    public string? HashUserId(string? userId) => userId is null || userId.StartsWith("h:", StringComparison.Ordinal) ? userId : hasher.Hash(userId);

    private ChannelAccount? Redact(ChannelAccount? account) =>
        account is null ? null : new ChannelAccount { Id = account.Role == "bot" ? account.Id : HashUserId(account.Id), Role = account.Role };
}
