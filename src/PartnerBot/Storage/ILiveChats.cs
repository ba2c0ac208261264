using System.Text.Json.Nodes;

namespace PartnerBot.Storage;

/// <summary>
/// Live hand-offs: which prospect conversation is joined to which Teams thread, by whom and since when. One row per
/// lead (its record id), written with an ETag so two instances never both win a join or an ending, and an index from
/// each thread the lead's card started to the lead, so a colleague's reply in any instance finds the prospect.
/// </summary>
public interface ILiveChats
{
    Task<LiveChat?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the chat if the stored one still has <see cref="LiveChat.ETag"/> (null: only if there is none). Returns
    /// the chat as stored, with its new ETag, or null when someone else changed it first.
    /// </summary>
    Task<LiveChat?> TrySaveAsync(LiveChat chat, CancellationToken cancellationToken);

    /// <summary>The lead whose card started the thread <paramref name="threadConversationId"/>, or null.</summary>
    Task<string?> FindByThreadAsync(string threadConversationId, CancellationToken cancellationToken);

    /// <summary>Remembers that the lead's card started the thread (idempotent).</summary>
    Task AddThreadAsync(string threadConversationId, string chatId, CancellationToken cancellationToken);

    /// <summary>Chats waiting for someone or under way, for the timer that ends idle ones.</summary>
    Task<IReadOnlyList<LiveChat>> OpenAsync(CancellationToken cancellationToken);
}

public enum LiveChatStatus
{
    /// <summary>Asked for; the card in Teams offers "Join the chat".</summary>
    Waiting,
    Joined,
    Ended,
    /// <summary>Nobody joined within the wait, or the prospect stopped waiting.</summary>
    NobodyCame,
}

/// <summary>One lead's live chat, the latest one they asked for.</summary>
public sealed record LiveChat
{
    /// <summary>The lead's record id (the dialog subject).</summary>
    public required string Id { get; init; }
    public required string ChannelId { get; init; }
    public required string ConversationId { get; init; }

    /// <summary>How to reach the prospect's conversation (a conversation reference).</summary>
    public required JsonNode Reference { get; init; }

    /// <summary>The prospect is on the embedded Direct Line: messages go to its log, not through a Connector.</summary>
    public bool Embedded { get; init; }

    public string? ProspectName { get; init; }
    public LiveChatStatus Status { get; init; }
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>The last message either side sent (the idle timer starts here).</summary>
    public DateTimeOffset LastActivityAt { get; init; }

    /// <summary>The threads the lead's card started, one per sales channel.</summary>
    public IReadOnlyList<LiveChatThread> Threads { get; init; } = [];

    public SalesPerson? Agent { get; init; }

    /// <summary>The thread of the channel the colleague joined from; the only one relayed to after the join.</summary>
    public string? AgentThread { get; init; }

    public DateTimeOffset? JoinedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Who or what ended it, in words for the card: "Vera", "Sam", "no messages for 15 minutes".</summary>
    public string? EndedBy { get; init; }

    /// <summary>What the prospect wrote before any card was posted, passed on as soon as a thread exists.</summary>
    public IReadOnlyList<string> Backlog { get; init; } = [];

    /// <summary>The stored version; null for a chat never stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ETag { get; init; }

    public bool Open => Status is LiveChatStatus.Waiting or LiveChatStatus.Joined;
}

/// <summary>A sales channel's thread under the lead's card: replies there go to the prospect once someone joined from it.</summary>
public sealed record LiveChatThread(string ConversationId, string ServiceUrl, string AlertId, string MessageId, string? BotId, string? TenantId);

public static class LiveChatsExtensions
{
    /// <summary>
    /// Reads, changes and writes the chat until the write wins; <paramref name="change"/> returns null to leave it as
    /// it is. Returns the chat as stored, or null when there is none or nothing changed.
    /// </summary>
    public static async Task<LiveChat?> UpdateAsync(this ILiveChats chats, string id, Func<LiveChat, LiveChat?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await chats.GetAsync(id, cancellationToken) is not { } current) return null;
            if (change(current) is not { } changed) return null;
            if (await chats.TrySaveAsync(changed with { ETag = current.ETag }, cancellationToken) is { } saved) return saved;
        }
        throw new InvalidOperationException($"The live chat {id} kept changing underneath ten writes in a row.");
    }
}
