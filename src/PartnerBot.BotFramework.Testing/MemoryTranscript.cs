using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Testing;

/// <summary>
/// Middleware that keeps every conversation's activities in memory as they pass, the inbound one before the bot
/// runs and each reply as it goes out: the transcript seam of a test, in the order a transcript store would log.
/// </summary>
public sealed class MemoryTranscript : IMiddleware
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(bool Inbound, Activity Activity)>> _conversations = new(StringComparer.Ordinal);

    /// <summary>A conversation's activities in order; <c>Inbound</c> is false for the bot's replies.</summary>
    public IReadOnlyList<(bool Inbound, Activity Activity)> Of(string conversationId)
    {
        lock (_gate) return _conversations.TryGetValue(conversationId, out var entries) ? entries.ToList() : [];
    }

    public async Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        var conversationId = turn.Activity.Conversation?.Id ?? string.Empty;
        Add(conversationId, true, turn.Activity);
        turn.OnSendActivities(async (_, activities, send) =>
        {
            await send();
            foreach (var activity in activities) Add(conversationId, false, activity);
        });
        await next(cancellationToken);
    }

    private void Add(string conversationId, bool inbound, Activity activity)
    {
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversationId, out var entries)) _conversations[conversationId] = entries = [];
            entries.Add((inbound, activity));
        }
    }
}
