using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Alerts;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;
using IMiddleware = PartnerBot.BotFramework.Builder.IMiddleware;

namespace PartnerBot.Handoff;

/// <summary>
/// The sales side of a live chat, in Teams, before anything logs or advises: "Join the chat" on a lead card (members
/// of an allowed team only, the first click wins), "End chat" there or "end chat" in the thread, and the joined
/// colleague's replies and typing in the card's thread, which go to the prospect. Nobody else's words in the thread are
/// passed on. With the resource-specific permission the bot hears every channel message: those not meant for it are
/// left alone here, so the advisor never answers sales' own conversations. A prospect's typing goes to the thread too.
/// </summary>
public sealed partial class LiveChatThreadMiddleware(
    ILiveChats chats,
    ILeadAlerts alerts,
    IConversationRecords records,
    IAuditLog audit,
    LiveChatDesk desk,
    LiveChatRelay relay,
    LiveChatCards cards,
    PartnerBot.Webhooks.WebhookEvents webhooks,
    CardLibrary library,
    IOptions<SalesOptions> sales,
    TimeProvider clock,
    ILogger<LiveChatThreadMiddleware> logger) : IMiddleware
{
    public async Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.IsType(ActivityTypes.Typing) && !DialogStateKey.IsShared(activity))
        {
            await RelayTypingAsync(activity, cancellationToken);
            await next(cancellationToken);
            return;
        }
        if (!string.Equals(activity.ChannelId, Channels.MsTeams, StringComparison.OrdinalIgnoreCase))
        {
            await next(cancellationToken);
            return;
        }
        if (CardActionValue.IsCardAction(activity) && CardActionValue.Verb(activity) is LeadAlertCard.JoinVerb or LeadAlertCard.EndVerb)
        {
            await turn.EnsureNewActivityAsync(cancellationToken);
            await OnCardActionAsync(turn, CardActionValue.Verb(activity)!, cancellationToken);
            return;
        }
        if (activity.Conversation?.ConversationType == ConversationTypes.Channel && (activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.Typing)))
        {
            var threadChat = await chats.FindByThreadAsync(activity.Conversation.Id!, cancellationToken);
            if (threadChat is not null && await chats.GetAsync(threadChat, cancellationToken) is { } chat)
            {
                await turn.EnsureNewActivityAsync(cancellationToken);
                await OnThreadAsync(turn, chat, cancellationToken);
                return;
            }
            // Heard only through the channel permission: a conversation among colleagues, not a prospect's.
            if (activity.IsType(ActivityTypes.Typing) || (activity.Value is null && !MentionsBot(activity))) return;
        }
        await next(cancellationToken);
    }

    private async Task OnThreadAsync(TurnContext turn, LiveChat chat, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var fromAgent = chat is { Status: LiveChatStatus.Joined, Agent: { } agent } && chat.AgentThread == activity.Conversation!.Id
            && string.Equals(activity.From?.AadObjectId, agent.Id, StringComparison.OrdinalIgnoreCase);
        if (!fromAgent) return;
        if (activity.IsType(ActivityTypes.Typing))
        {
            _ = await relay.ToProspectAsync(chat, new Activity { Type = ActivityTypes.Typing }, chat.Agent, cancellationToken);
            return;
        }
        var text = WithoutBotMention(activity);
        if (text.Length == 0) return;
        if (LiveChatRequest.IsEnd(text))
        {
            await EndByColleagueAsync(chat, cancellationToken);
            return;
        }
        if (!await relay.ToProspectAsync(chat, Activity.CreateMessage(text), chat.Agent, cancellationToken))
        {
            PartnerBot.Telemetry.PartnerBotTelemetry.LiveChat("undelivered");
            await turn.SendActivityAsync(activity.CreateReply(LiveChatNotices.NotDeliveredToProspect), cancellationToken);
            return;
        }
        var now = clock.GetUtcNow();
        if (now - chat.LastActivityAt > TimeSpan.FromSeconds(30)) await chats.UpdateAsync(chat.Id, c => c.Open ? c with { LastActivityAt = now } : null, cancellationToken);
    }

    private async Task OnCardActionAsync(TurnContext turn, string verb, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var alertId = LeadAlertMiddleware.Text(CardActionValue.Of(activity)?["alertId"]);
        var alert = alertId is null ? null : await alerts.GetAlertAsync(alertId, cancellationToken);
        var subscription = alert is null ? null : await alerts.GetSubscriptionAsync(alert.SubscriptionId, cancellationToken);
        var fromChannel = LeadAlertMiddleware.Text((activity.ChannelData as JsonObject)?["channel"]?["id"]) ?? activity.Conversation?.Id?.Split(';')[0];
        if (alert is not { ActivityId: { } messageId } || subscription is null || !string.Equals(fromChannel, subscription.Id, StringComparison.Ordinal))
        {
            turn.InvokeResponse = LeadAlertMiddleware.Message("This alert is no longer available.");
            return;
        }
        if (!LeadAlertMiddleware.IsSalesTeam(activity, sales.Value))
        {
            LogRefused(logger);
            turn.InvokeResponse = LeadAlertMiddleware.Message("Only members of the sales team can join or end a live chat.");
            return;
        }
        var person = new SalesPerson(activity.From?.AadObjectId ?? activity.From?.Id ?? "teams", activity.From?.Name ?? "A colleague");
        var chat = await chats.GetAsync(alert.RecordId, cancellationToken);
        if (chat is null)
        {
            turn.InvokeResponse = LeadAlertMiddleware.Message("This prospect has not asked for a live chat.");
            return;
        }
        if (verb == LeadAlertCard.JoinVerb)
        {
            var thread = new LiveChatThread(LiveChatCards.ThreadOf(subscription.Id, messageId), subscription.ServiceUrl, alert.Id, messageId, subscription.BotId, subscription.TenantId);
            chat = await JoinAsync(chat, person, thread, cancellationToken) ?? chat;
            if (chat.Agent?.Id != person.Id || chat.Status != LiveChatStatus.Joined)
            {
                turn.InvokeResponse = LeadAlertMiddleware.Message(chat.Status == LiveChatStatus.Joined
                    ? $"{chat.Agent?.Name ?? "A colleague"} is already chatting with {ProspectName(chat)}."
                    : "This chat has ended.");
                return;
            }
        }
        else
        {
            if (chat is not { Status: LiveChatStatus.Joined } || chat.Agent?.Id != person.Id)
            {
                turn.InvokeResponse = LeadAlertMiddleware.Message(chat.Status == LiveChatStatus.Joined
                    ? $"Only {chat.Agent?.Name} can end this chat."
                    : "This chat has already ended.");
                return;
            }
            chat = await EndByColleagueAsync(chat, cancellationToken) ?? chat;
        }
        if (await records.GetAsync(alert.RecordId, cancellationToken) is { } record)
        {
            var card = LeadAlertCard.Render(record, alert.Id, LeadAlertSender.WorkspaceUrl(sales.Value, record.Id), library, chat);
            turn.InvokeResponse = new InvokeResponse(200, new JsonObject { ["statusCode"] = 200, ["type"] = Attachment.AdaptiveCardContentType, ["value"] = card });
        }
        else
        {
            turn.InvokeResponse = LeadAlertMiddleware.Message("This lead has been erased.");
        }
    }

    /// <summary>The first colleague wins: the chat is theirs, the lead too; both sides hear it and every card shows it.</summary>
    private async Task<LiveChat?> JoinAsync(LiveChat chat, SalesPerson person, LiveChatThread thread, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var joined = await chats.UpdateAsync(chat.Id, c => c.Status != LiveChatStatus.Waiting ? null : c with
        {
            Status = LiveChatStatus.Joined,
            Agent = person,
            AgentThread = thread.ConversationId,
            JoinedAt = now,
            LastActivityAt = now,
            Threads = c.Threads.Any(t => t.ConversationId == thread.ConversationId) ? c.Threads : [.. c.Threads, thread],
        }, cancellationToken);
        if (joined is null) return await chats.GetAsync(chat.Id, cancellationToken);
        await chats.AddThreadAsync(thread.ConversationId, chat.Id, cancellationToken);
        var owned = await records.UpdateFollowUpAsync(chat.Id, followUp => followUp
            .With(new FollowUpEvent(now, person, FollowUpEventKind.Owner, $"joined the live chat in Teams: {person.Name}"))
            with { Owner = person, Status = followUp.Status == FollowUpStatus.New ? FollowUpStatus.Contacted : followUp.Status, LiveChatAt = followUp.LiveChatAt ?? now },
            null, cancellationToken);
        await audit.AppendAsync(new AuditEntry(now, person.Id, person.Name, "live-chat-join", chat.Id), cancellationToken);
        LogJoined(logger);
        PartnerBot.Telemetry.PartnerBotTelemetry.LiveChat("joined");
        if (owned.Record is { } record) await webhooks.OnFollowUpChangedAsync(record, cancellationToken);
        await webhooks.OnHandoffAsync(chat.Id, started: true, now, cancellationToken);
        await relay.ToProspectAsync(joined, Activity.CreateMessage(LiveChatNotices.Joined(person.Name)), null, cancellationToken);
        await relay.ToThreadAsync(thread, LiveChatNotices.JoinedForThread(person.Name, ProspectName(joined)), cancellationToken);
        await cards.RefreshAsync(joined, cancellationToken);
        return joined;
    }

    private async Task<LiveChat?> EndByColleagueAsync(LiveChat chat, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ended = await chats.UpdateAsync(chat.Id, c => c.Status != LiveChatStatus.Joined ? null : c with
        {
            Status = LiveChatStatus.Ended, EndedAt = now, EndedBy = c.Agent?.Name, LastActivityAt = now,
        }, cancellationToken);
        if (ended is null) return null;
        PartnerBot.Telemetry.PartnerBotTelemetry.LiveChat("ended", "colleague");
        await webhooks.OnHandoffAsync(chat.Id, started: false, now, cancellationToken);
        var name = ended.Agent?.Name ?? "A colleague";
        await relay.ToProspectAsync(ended, Activity.CreateMessage(LiveChatNotices.EndedByColleague(name)), null, cancellationToken);
        foreach (var thread in LiveChatDesk.Targets(ended)) await relay.ToThreadAsync(thread, LiveChatNotices.EndedForThread(name), cancellationToken);
        await cards.RefreshAsync(ended, cancellationToken);
        return ended;
    }

    private async Task RelayTypingAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await desk.TypingAsync(activity, cancellationToken);
        }
        catch (Exception exception) when (exception is StorageUnavailableException or HttpRequestException)
        {
            LogTypingFailed(logger, exception);
        }
    }

    private static string ProspectName(LiveChat chat) => LiveChatDesk.Prospect(chat);

    private static bool MentionsBot(Activity activity) =>
        activity.GetMentions().Any(m => string.Equals(m.MentionedId, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The message without the bot's mention (a thread reply mentions the bot when the channel permission is not granted).</summary>
    private static string WithoutBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in activity.GetMentions().Where(m => string.Equals(m.MentionedId, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase)))
        {
            if (!string.IsNullOrEmpty(mention.Text)) text = text.Replace(mention.Text, " ", StringComparison.OrdinalIgnoreCase);
        }
        return text.Trim();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A live chat join or end came from a team that is not allowed to use it")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A colleague joined a live chat")]
    private static partial void LogJoined(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A typing indicator could not be passed on in a live chat")]
    private static partial void LogTypingFailed(ILogger logger, Exception exception);
}
