using System.Text.Json;
using Microsoft.Extensions.Options;
using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Sales.Alerts;
using PartnerBot.Storage;

namespace PartnerBot.Handoff;

/// <summary>
/// The advisor's way to the sales team: live chat is offered while a lead-alert channel is active and it is within
/// business hours; asking stores the chat (waiting) and, once the turn is committed (so the lead's record holds the
/// consent just given), puts the lead's card with "Join the chat" into every sales channel. The prospect's messages go
/// to the card's threads while they wait, and to the joined colleague's thread after.
/// </summary>
public sealed partial class LiveChatDesk(
    ILiveChats chats,
    ILeadAlerts alerts,
    IDirectLineLog directLineLog,
    LiveChatCards cards,
    LiveChatRelay relay,
    LeadAlertQueue queue,
    PartnerBot.Webhooks.WebhookEvents webhooks,
    BusinessHours hours,
    IOptions<LiveChatOptions> options,
    TimeProvider clock,
    ILogger<LiveChatDesk> logger) : ILiveChatDesk
{
    /// <summary>The idle timer needs to know the chat is alive, not every keystroke: the last message is stored at most this often.</summary>
    private static readonly TimeSpan ActivityPrecision = TimeSpan.FromSeconds(30);

    private TimeSpan Wait => TimeSpan.FromMinutes(options.Value.WaitMinutes);

    public async Task<LiveChatOffer> OfferAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // A client that only reads replies in the response (expectReplies, no service URL) cannot hear a colleague later.
        if (!options.Value.Enabled || !Uri.TryCreate(turn.Activity.ServiceUrl, UriKind.Absolute, out _)
            || (await alerts.ActiveSubscriptionsAsync(cancellationToken)).Count == 0) return new LiveChatOffer(false, null, Wait);
        var now = clock.GetUtcNow();
        if (hours.IsOpen(now)) return new LiveChatOffer(true, null, Wait);
        // Said in the prospect's language (the turn's), the hours and days too.
        var next = hours.NextOpening(now) is { } opening
            ? " " + Texts.Say("We're back {weekday} at {time}.", ("weekday", Texts.Say(opening.DayOfWeek.ToString())), ("time", opening.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)))
            : "";
        return new LiveChatOffer(false, Texts.Say("Our team chats live {hours}, so nobody can join right now.{next}", ("hours", hours.Describe()), ("next", next)), Wait);
    }

    public async Task<LiveChatOffer> RequestAsync(TurnContext turn, string? prospectName, CancellationToken cancellationToken)
    {
        var offer = await OfferAsync(turn, cancellationToken);
        if (!offer.Available) return offer;
        var activity = turn.Activity;
        var id = DialogStateKey.For(activity);
        var now = clock.GetUtcNow();
        var embedded = string.Equals(activity.ChannelId, Channels.DirectLine, StringComparison.OrdinalIgnoreCase)
            && await directLineLog.ConversationExistsAsync(activity.Conversation!.Id!, cancellationToken);
        var existing = await chats.GetAsync(id, cancellationToken);
        if (existing is { Open: true }) return offer;
        var chat = new LiveChat
        {
            Id = id,
            ChannelId = activity.ChannelId ?? "unknown",
            ConversationId = activity.Conversation!.Id!,
            Reference = JsonSerializer.SerializeToNode(ReferenceInTurnLanguage(activity), BotJson.Options)!,
            Embedded = embedded,
            // A website visitor's name is whatever their browser claims ("You" in Web Chat); Teams' comes from the directory.
            ProspectName = prospectName ?? (IsTeams(activity) ? activity.From?.Name : null),
            Status = LiveChatStatus.Waiting,
            RequestedAt = now,
            LastActivityAt = now,
            // The cards stay where they were posted; their threads carry the new chat too.
            Threads = existing?.Threads ?? [],
            ETag = existing?.ETag,
        };
        if (await chats.TrySaveAsync(chat, cancellationToken) is null) return offer;
        LogRequested(logger, activity.ChannelId ?? "unknown");
        PartnerBot.Telemetry.PartnerBotTelemetry.LiveChat("requested");
        // After the commit: the alert sender draws the card from the lead's record, which this turn's consent changes.
        await AfterTurnAsync(turn, ct => cards.PublishAsync(id, queue, ct), cancellationToken);
        return offer;
    }

    public async Task<LiveChatPhase> PhaseAsync(TurnContext turn, CancellationToken cancellationToken) =>
        (await chats.GetAsync(DialogStateKey.For(turn.Activity), cancellationToken))?.Status switch
        {
            LiveChatStatus.Waiting => LiveChatPhase.Waiting,
            LiveChatStatus.Joined => LiveChatPhase.Joined,
            LiveChatStatus.Ended => LiveChatPhase.Ended,
            LiveChatStatus.NobodyCame => LiveChatPhase.NobodyCame,
            _ => LiveChatPhase.None,
        };

    public async Task<bool> ForwardAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var id = DialogStateKey.For(turn.Activity);
        if (await chats.GetAsync(id, cancellationToken) is not { Open: true } chat) return true;
        if (string.IsNullOrWhiteSpace(turn.Activity.Text)) return true;
        var line = LiveChatRelay.ForThread(Prospect(chat), turn.Activity.Text);
        var now = clock.GetUtcNow();
        if (Targets(chat).Count == 0)
        {
            // No card is posted yet (the sender is on it): kept with the chat, passed on when the first thread exists.
            var kept = await chats.UpdateAsync(id, c => c.Threads.Count > 0 ? null : c with { Backlog = [.. c.Backlog, line], LastActivityAt = now }, cancellationToken);
            if (kept is not null) return true;
            chat = await chats.GetAsync(id, cancellationToken) ?? chat;
        }
        var delivered = true;
        foreach (var thread in Targets(chat)) delivered &= await relay.ToThreadAsync(thread, line, cancellationToken);
        if (!delivered) PartnerBot.Telemetry.PartnerBotTelemetry.LiveChat("undelivered");
        if (now - chat.LastActivityAt > ActivityPrecision) await chats.UpdateAsync(id, c => c.Open ? c with { LastActivityAt = now } : null, cancellationToken);
        return delivered;
    }

    /// <summary>The prospect is typing: the threads they write to see it too (best effort, never retried).</summary>
    public async Task TypingAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (await chats.GetAsync(DialogStateKey.For(activity), cancellationToken) is not { Open: true } chat) return;
        foreach (var thread in Targets(chat))
        {
            _ = await relay.ToThreadAsync(thread, new Activity { Type = ActivityTypes.Typing }, cancellationToken);
        }
    }

    public async Task EndAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ended = await chats.UpdateAsync(DialogStateKey.For(turn.Activity), chat => chat.Open
            ? chat with { Status = LiveChatStatus.Ended, EndedAt = now, EndedBy = Prospect(chat), LastActivityAt = now }
            : null, cancellationToken);
        if (ended is null) return;
        PartnerBot.Telemetry.PartnerBotTelemetry.LiveChat("ended", "prospect");
        if (ended.Agent is not null) await webhooks.OnHandoffAsync(ended.Id, started: false, now, cancellationToken);
        var prospect = Prospect(ended);
        foreach (var thread in Targets(ended))
        {
            await relay.ToThreadAsync(thread, ended.Agent is null ? $"{prospect} stopped waiting." : $"{prospect} ended the chat.", cancellationToken);
        }
        await cards.RefreshAsync(ended, cancellationToken);
    }

    public async Task DetailsChangedAsync(TurnContext turn, string name, CancellationToken cancellationToken)
    {
        var id = DialogStateKey.For(turn.Activity);
        await chats.UpdateAsync(id, chat => chat.ProspectName == name ? null : chat with { ProspectName = name }, cancellationToken);
        await AfterTurnAsync(turn, async ct =>
        {
            if (await chats.GetAsync(id, ct) is { } chat) await cards.RefreshAsync(chat, ct);
        }, cancellationToken);
    }

    /// <summary>The threads the prospect's words go to: the joined colleague's, or every card's while waiting.</summary>
    public static IReadOnlyList<LiveChatThread> Targets(LiveChat chat) =>
        chat.AgentThread is { } joined ? chat.Threads.Where(t => t.ConversationId == joined).ToList() : chat.Threads;

    /// <summary>The prospect's name as the team reads it.</summary>
    public static string Prospect(LiveChat chat) => chat.ProspectName ?? (string.Equals(chat.ChannelId, Channels.MsTeams, StringComparison.OrdinalIgnoreCase) ? "The prospect" : "Website visitor");

    private static bool IsTeams(Activity activity) => string.Equals(activity.ChannelId, Channels.MsTeams, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs once the turn's result is committed (its record saved with it), or at once without a ledger.</summary>
    private Task AfterTurnAsync(TurnContext turn, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        async Task RunAsync(CancellationToken ct)
        {
            try
            {
                await action(ct);
            }
            catch (Exception exception) when (exception is StorageUnavailableException or HttpRequestException or OperationCanceledException)
            {
                // The chat is stored; its card follows with the alert sender's next round, or the next change.
                LogCardsFailed(logger, exception);
            }
        }
        if (!turn.RecordsResult) return RunAsync(cancellationToken);
        turn.AfterResult(RunAsync);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cards of a live chat could not be posted or redrawn now")]
    private static partial void LogCardsFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "A prospect on {Channel} asked to chat with a person; asking the sales channels")]
    private static partial void LogRequested(ILogger logger, string channel);

    /// <summary>
    /// The prospect's conversation, with the locale of the language they read (the client's own when it is that
    /// language): what the bot tells them during the live chat is said in it.
    /// </summary>
    private static ConversationReference ReferenceInTurnLanguage(Activity activity)
    {
        var reference = activity.GetConversationReference();
        var language = PartnerBot.Advisor.Languages.Language.Current;
        if (PartnerBot.Advisor.Languages.Language.Find(reference.Locale) != language) reference.Locale = language.Locale;
        return reference;
    }
}
