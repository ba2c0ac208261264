using IMiddleware = PartnerBot.BotFramework.Builder.IMiddleware;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Dialogs.Choices;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;
using PartnerBot.Telemetry;

namespace PartnerBot.Sales.Alerts;

/// <summary>
/// What the sales team says to the bot in Teams, handled before anything logs or advises: in a channel, a mention
/// with <c>notify here</c> or <c>stop notifications</c> turns lead alerts on or off for that channel (members of an
/// allowed team only), and "I'll take it" on an alert card (an <c>adaptiveCard/action</c> invoke) makes the clicking
/// person the lead's owner. Sales' own messages are not prospects' conversations, so none of this is logged as one.
/// </summary>
public sealed partial class LeadAlertMiddleware(
    ILeadAlerts alerts,
    IConversationRecords records,
    IAuditLog audit,
    ILiveChats chats,
    CardLibrary cards,
    ConnectorDeliveryFactory connectors,
    PartnerBot.Webhooks.WebhookEvents webhooks,
    IOptions<SalesOptions> options,
    TimeProvider clock,
    ILogger<LeadAlertMiddleware> logger) : IMiddleware
{
    public const string Subscribe = "notify here";
    public const string Unsubscribe = "stop notifications";

    /// <summary>How a subscription turned off by a person is marked (configuration does not turn it on again).</summary>
    public const string TurnedOffBy = "Turned off by ";

    public async Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (!string.Equals(activity.ChannelId, Channels.MsTeams, StringComparison.OrdinalIgnoreCase))
        {
            await next(cancellationToken);
            return;
        }
        // Nothing here is logged, so no transcript write answers the ledger's duplicate check: a channel's retry of
        // a command or a claim is found before it acts again.
        if (activity.IsType(ActivityTypes.Message) && activity.Conversation?.ConversationType == "channel" && Command(activity) is { } command)
        {
            await turn.EnsureNewActivityAsync(cancellationToken);
            await OnCommandAsync(turn, command, cancellationToken);
            return;
        }
        if (CardActionValue.IsCardAction(activity) && CardActionValue.Verb(activity) == LeadAlertCard.ClaimVerb)
        {
            await turn.EnsureNewActivityAsync(cancellationToken);
            await OnClaimAsync(turn, cancellationToken);
            return;
        }
        await next(cancellationToken);
    }

    private async Task OnCommandAsync(TurnContext turn, string command, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var channelData = activity.ChannelData as JsonObject;
        var teamId = Text(channelData?["team"]?["id"]);
        var groupId = Text(channelData?["team"]?["aadGroupId"]);
        var channelId = Text(channelData?["channel"]?["id"]) ?? activity.Conversation!.Id!.Split(';')[0];
        var allowed = IsSalesTeam(activity, options.Value);
        var who = activity.From?.Name ?? activity.From?.AadObjectId ?? "someone";
        if (!allowed)
        {
            LogRefused(logger);
            await turn.SendActivityAsync(activity.CreateReply(
                "Sorry, only the sales team can turn lead alerts on or off. An administrator can allow this team by adding its id "
                + $"({teamId ?? "unknown"}) to Sales:AlertTeamIds."), cancellationToken);
            return;
        }
        if (command == Subscribe)
        {
            await alerts.SubscribeAsync(new AlertSubscription(channelId, activity.ServiceUrl!, activity.Conversation?.TenantId ?? Text(channelData?["tenant"]?["id"]),
                teamId, activity.Recipient?.Id, who, clock.GetUtcNow()), cancellationToken);
            await audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), activity.From?.AadObjectId ?? "teams", who, "alerts-on", channelId), cancellationToken);
            await turn.SendActivityAsync(activity.CreateReply(
                $"Lead alerts are on: I'll post each prospect who is ready to talk to sales in this channel. Mention me with \"{Unsubscribe}\" to end them."), cancellationToken);
        }
        else
        {
            var stopped = await alerts.DeactivateAsync(channelId, TurnedOffBy + who, cancellationToken);
            await audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), activity.From?.AadObjectId ?? "teams", who, "alerts-off", channelId), cancellationToken);
            await turn.SendActivityAsync(activity.CreateReply(stopped
                ? $"Lead alerts are off for this channel. Mention me with \"{Subscribe}\" to turn them on again."
                : "This channel was not receiving lead alerts."), cancellationToken);
        }
    }

    /// <summary>Whether the activity comes from a team allowed to act on leads (Sales:AlertTeamIds, or a group in Sales:AllowedGroupIds).</summary>
    public static bool IsSalesTeam(Activity activity, SalesOptions settings)
    {
        var channelData = activity.ChannelData as JsonObject;
        var teamId = Text(channelData?["team"]?["id"]);
        var groupId = Text(channelData?["team"]?["aadGroupId"]);
        return new[] { teamId, groupId }.OfType<string>().Any(id => settings.AlertTeamIds.Contains(id, StringComparer.OrdinalIgnoreCase))
            || (groupId is not null && settings.AllowedGroupIds.Contains(groupId, StringComparer.OrdinalIgnoreCase));
    }

    private async Task OnClaimAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var alertId = Text(CardActionValue.Of(activity)?["alertId"]);
        var alert = alertId is null ? null : await alerts.GetAlertAsync(alertId, cancellationToken);
        var subscription = alert is null ? null : await alerts.GetSubscriptionAsync(alert.SubscriptionId, cancellationToken);
        var channelData = activity.ChannelData as JsonObject;
        var fromChannel = Text(channelData?["channel"]?["id"]) ?? activity.Conversation?.Id?.Split(';')[0];
        if (alert is null || subscription is null || !string.Equals(fromChannel, subscription.Id, StringComparison.Ordinal))
        {
            turn.InvokeResponse = Message("This alert is no longer available.");
            return;
        }
        var person = new SalesPerson(activity.From?.AadObjectId ?? activity.From?.Id ?? "teams", activity.From?.Name ?? "Someone");
        var now = clock.GetUtcNow();
        var result = await records.UpdateFollowUpAsync(alert.RecordId, followUp => followUp.Owner is not null ? followUp : followUp
            .With(new FollowUpEvent(now, person, FollowUpEventKind.Owner, $"claimed in Teams by {person.Name}"))
            with { Owner = person, Status = followUp.Status == FollowUpStatus.New ? FollowUpStatus.Contacted : followUp.Status }, null, cancellationToken);
        if (result.Outcome == FollowUpOutcome.NotFound)
        {
            turn.InvokeResponse = Message("This lead has been erased.");
            return;
        }
        var record = result.Record!;
        if (record.FollowUp.Owner?.Id != person.Id)
        {
            turn.InvokeResponse = Message($"{record.FollowUp.Owner!.Name} already has this lead.");
            return;
        }
        await audit.AppendAsync(new AuditEntry(now, person.Id, person.Name, "claim", alert.RecordId), cancellationToken);
        await webhooks.OnFollowUpChangedAsync(record, cancellationToken);
        PartnerBotTelemetry.Alerts.Add(1, new System.Diagnostics.TagList { { "partnerbot.alert.outcome", "claimed" } });
        var card = LeadAlertCard.Render(record, alert.Id, LeadAlertSender.WorkspaceUrl(options.Value, record.Id), cards, await chats.GetAsync(record.Id, cancellationToken));
        turn.InvokeResponse = new InvokeResponse(200, new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.card.adaptive", ["value"] = card });
        await UpdateForEveryoneAsync(activity, alert, card.DeepClone(), cancellationToken);
    }

    /// <summary>The invoke's answer refreshes the card of the person who clicked; the message itself is updated so everyone sees the owner.</summary>
    private async Task UpdateForEveryoneAsync(Activity invoke, LeadAlert alert, JsonNode card, CancellationToken cancellationToken)
    {
        var messageId = invoke.ReplyToId ?? alert.ActivityId;
        if (messageId is null || !Uri.TryCreate(invoke.ServiceUrl, UriKind.Absolute, out var serviceUrl)) return;
        var update = Activity.CreateMessage(null);
        update.Id = messageId;
        update.Attachments = [Attachment.AdaptiveCard(card)];
        try
        {
            await connectors.ClientFor(serviceUrl).UpdateActivityAsync(invoke.Conversation!.Id!, messageId, update, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or UntrustedServiceUrlException or TaskCanceledException)
        {
            // The claim stands (the workspace shows it); others see the old card until they open it.
            LogUpdateFailed(logger, exception);
        }
    }

    public static InvokeResponse Message(string text) =>
        new(200, new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = text });

    /// <summary>The command in a channel message, with the bot's mention taken out; null when it is not one.</summary>
    private static string? Command(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in activity.GetMentions().Where(m => string.Equals(m.MentionedId, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase)))
        {
            if (!string.IsNullOrEmpty(mention.Text)) text = text.Replace(mention.Text, " ", StringComparison.OrdinalIgnoreCase);
        }
        text = Punctuation().Replace(Whitespace().Replace(text, " ").Trim().ToLowerInvariant(), "");
        return text is Subscribe or Unsubscribe ? text : null;
    }

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[.!]+$")]
    private static partial Regex Punctuation();

    [LoggerMessage(Level = LogLevel.Information, Message = "A lead alert command came from a team that is not allowed to use it")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claimed alert could not be updated for everyone in the channel")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception);
}
